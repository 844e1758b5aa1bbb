# jixiao 的中文消息目录：财务人员读到的每一句话都在这里。
# 键名稳定，供代码引用；参数（{ $name }）已按表中的写法格式化好（金额照原样，不补零）。
# 改措辞只改这里；新增的键须在 locales/en/jixiao.ftl 中有同名、同参数的一条（测试会核对）。

## 通用

list-sep = 、
plus = { " + " }

## 审核：项目资金

funds-sum-parts = { $total }的{ $column }为 { $value } { $unit }，但其中各项（{ $parts }）合计 { $sum } { $unit }，相差 { $diff } { $unit }
funds-sum-parts-hint = { $total } = { $parts }；改正填错的那个数
funds-sum-empty = { $total }的{ $column }为空，但其中各项（{ $parts }）合计 { $sum } { $unit }
funds-sum-empty-hint = { $total } = { $parts }
funds-sum-fields = { $total }为 { $value }，但 { $parts } 合计 { $sum }，相差 { $diff }
funds-sum-fields-hint = { $total } = { $parts }
rate-mismatch = { $rate }填的是 { $typed }，但{ $executed } ÷ { $budget } = { $computed }
rate-mismatch-hint = { $rate } = { $executed } ÷ { $budget }（用调整后的全年预算数，不是年初预算数）
rate-missing = { $rate }为空，按{ $executed } ÷ { $budget }应为 { $computed }
rate-missing-hint = 填上{ $rate }；公开文件按原样印这一格，jixiao 不代填
funds-weight = { $rate }的分值填的是 { $typed }，但{ $profile }表样规定为 { $expected }
funds-weight-hint = { $profile }表样中预算执行率的分值为 { $expected }
funds-weight-missing = { $rate }的分值为空，{ $profile }表样规定为 { $expected }
funds-weight-missing-hint = 填上分值：公开的表要印出分值（加 --force 时印表样规定的值）
funds-score-what = { $rate }得分
figure-too-large = { $what } { $value } 超出 jixiao 能读的数值范围（{ $limit }）
figure-too-large-hint = 按表中印出的数填写，单位与所在栏一致（万元或元）
instruction-text = { $field }：“{ $text }”是表样自带的说明文字
instruction-text-hint = 公开前换成本表自己的内容

## 审核：绩效目标表

indicator-unnamed = { $level1 }下的指标
target-unnamed = { $indicator }：三级指标没有名称
target-unnamed-hint = 写明衡量的是什么（如 培训人次、项目验收合格率），不要只写数字
target-value-missing = { $indicator }没有指标值
target-value-missing-hint = 写数值和单位（如 ≥90%、2次），或明确的定性表述（如 提高、达标）
target-tree = { $indicator }所在的一级指标“{ $level1 }”下没有二级指标
target-tree-hint = 每个一级指标下设二级指标，每个二级指标下设三级指标

## 审核：绩效指标

indicator-label = “{ $name }”
indicator-nameless = 未命名的指标
placeholder-indicator = { $indicator }像是表样里的示例行
placeholder-indicator-hint = 换成实际的三级指标，或删去这一行
actual-missing = { $indicator }有指标值，但实际完成值为空
actual-missing-hint = 填上实际完成情况：公开的表要印出每个实际完成值
score-missing-unweighted = { $indicator }的得分为空
score-missing-unweighted-hint = 填上得分：公开的表要印出每个得分
weight-missing = { $indicator }没有分值
weight-missing-hint = 每个指标都要有分值；与预算执行率的 { $funds } 分合计 { $total } 分
score-of = { $indicator }的得分
sign-missing = { $indicator }的指标值是数字，但没有填指标性质；按 >= 计分
sign-missing-hint = 指标性质填 >=、<= 或 =
actual-not-number = { $indicator }：指标值是数字，实际完成值却是“{ $actual }”
actual-not-number-hint = 填实际测得的数，才能核对得分
qualitative-band = { $indicator }评为“{ $band }”，得分 { $score }，不在分值 { $weight } 的 { $low }–{ $high } 分之间
qualitative-band-hint = 定性指标的得分应落在所评档次内：{ $bands }
bands = 达成 { $achieved_low }%–{ $achieved_high }%，部分达成 { $partial_low }%–{ $partial_high }%，未达成 { $missed_low }%–{ $missed_high }%（占分值）
reason-missing = { $indicator }得 { $score } 分（分值 { $weight }），未填偏差原因分析及改进措施
reason-missing-hint = 说明未完成的原因和改进措施
over-achievement = { $indicator }：实际完成值 { $actual } 是指标值 { $target } 的 { $ratio } 倍
over-achievement-hint = 超额这么多，年初目标可能定得过低；得分按所填保留

## 审核：分值与总分

score-above-weight = { $what } { $score } 超过分值 { $weight }
score-above-weight-hint = 得分最多等于分值
score-mismatch = { $what }填的是 { $score }，按评分规则应为 { $computed }
score-mismatch-hint = 核对实际完成值和指标值，或改正得分；jixiao 按所填印出得分
score-missing = { $what }为空，按评分规则应为 { $computed }
score-missing-hint = 填上得分：公开的表要印出每个得分（加 --force 时印规则算出的分）
weights-sum = 分值合计 { $sum }（预算执行率 { $funds } + 各指标 { $indicators }），不是 { $total }
weights-sum-hint = 调整各指标的分值，使其与预算执行率的 { $funds } 分合计 { $total } 分
total-weight = 总分一行的分值填的是 { $typed }，但以上分值合计 { $sum }
total-weight-hint = 总分一行的分值等于表中所有分值之和
total-weight-missing = 总分一行的分值为空；以上分值合计 { $sum }
total-weight-missing-hint = 填上总分一行的分值：公开的表要印出它（加 --force 时印合计）
level1-weights = { $level1 }各指标分值合计 { $sum }，{ $profile }表样规定为 { $expected }
level1-weights-hint = { $profile }表样各一级指标的分值：{ $groups }
group-points = 各一级指标标注的分值合计 { $sum } 分（{ $parts }），但{ $profile }表样给绩效指标的是 { $expected } 分
group-points-hint = 加上预算执行率的 { $funds } 分，全表共 { $total } 分：各一级指标分 { $expected } 分
total-mismatch = 总分填的是 { $score }，但各项得分合计 { $sum }
total-mismatch-hint = 总分 = 预算执行率得分 + 各指标得分之和
total-missing = 总分为空；各项得分合计 { $sum }
total-missing-hint = 填上总分：公开的表要印出它（加 --force 时印合计）
grade-filled = 自评等级未填，已按总分 { $score } 填为“{ $grade }”
grade-mismatch = 自评等级填的是“{ $typed }”，但总分 { $score } 对应“{ $grade }”
grades-else = 其余为{ $grade }
duplicate-indicators = { $later }（{ $later_project }）的绩效指标与 { $earlier }（{ $earlier_project }）逐字相同
duplicate-indicators-hint = 为 { $later } 设定它自己的指标；这些行像是从 { $earlier } 复制来的
duplicate-number = 表号 { $number } 用在了两张表上：{ $first } 和 { $second }
duplicate-number-hint = 每张表一个表号（公开12表-1、公开12表-2……）
rate-reason-missing = 执行率 { $rate } 低于 { $line }，表样的说明“{ $note }…”要求在“{ $field }”中写明原因，但这一格只有说明文字
rate-reason-missing-hint = 在“{ $field }”中用本单位的话写明预算未执行完的原因

## 命令行

severity-error = 错误
severity-warning = 警告
severity-note = 提示
hint-label = 建议：
and-more = { $message }（另有 { $count } 处同类）
findings-summary = { $errors } 个错误，{ $warnings } 个警告，{ $notes } 条提示
notes-hidden = { $summary }（加 -v 显示提示）
check-summary = { $file }：读出 { $tables } 张表，{ $findings }
check-total = 总分 { $score }
built-unchanged = 已生成：与上次相比没有变化；{ $output } 中的 { $tables } 张表保持原样（上次：{ $then }；用 jixiao check 查看），用时 { $seconds } 秒
built = 已生成：排版 { $rendered }/{ $tables } 张表，写入 { $files } 个文件到 { $output }，用时 { $seconds } 秒；{ $findings }
build-stopped = jixiao：{ $findings }；没有写入任何文件（加 --force 仍然生成）
init-workbook-exists = jixiao：{ $path } 已存在，init 从不覆盖工作簿；没有写入任何文件
init-workbook-exists-hint = 不加 --force 时，init 只补上缺少的文件；要重新开始，先把工作簿移到别处
init-replaced-item = { $path }（原文件已改名为 { $backup }）
cannot-write = jixiao：无法写入 { $path }：{ $error }
init-wrote = 已写入 { $count } 个文件到 { $dir }（表样 { $form }）
init-replaced = 已替换 { $path }
init-kept = 保留原样：{ $paths }（加 --force 替换，并保留一份副本）
init-next = 填好 { $workbook }，然后在那个文件夹里运行 jixiao
serve-threads = jixiao：无法启动服务的线程：{ $error }
serve-listening = jixiao serve：{ $url }（按 Ctrl-C 停止；停止时删除上传的文件）
serve-open-network = 正在监听 { $address }：网络上的其他电脑也能打开
serve-stopped-error = 服务停止了：{ $error }
serve-stopped = jixiao serve：已停止；删除了 { $count } 份上传
serve-no-browser = jixiao：打不开浏览器（{ $error }）；请自己打开 { $url }
forms-scored = 打分
forms-unscored = 不打分
diff-none = 没有变化
diff-changed = { $count } 处改动
diff-added = 新增
diff-removed = 删去
diff-moved = 表号由 { $old } 改为现在的表号；{ $count } 处改动
diff-empty = （空）
diff-follows = （随上面的改动而变）

## 读表

sheet-empty = 工作表“{ $sheet }”是空的，没有读出表格
sheet-no-table = 工作表“{ $sheet }”中没有“项目名称”栏目，没有读出表格
sheet-skipped-hint = 封面、说明之类的工作表，跳过没有问题
form-ambiguous = 这张工作表与表样 { $forms } 同样吻合
form-ambiguous-hint = 指定表样：加 --form { $form }，或在 jixiao.toml 中写 form = "{ $form }"
form-none = 这张工作表不符合任何已知表样；最接近的 { $form } 缺少 { $missed }
form-none-hint = jixiao forms 列出所有表样；可在 jixiao.toml 旁的 forms/ 中为这种表式写一个表样，或用 --form 指定
missing-label = 表中没有“{ $label }”栏目
missing-project-label = 写项目名称的那一行应以“{ $label }”开头
missing-form-label = 表样 { $form } 在这里有“{ $label }”栏目
missing-header-row = 这一部分需要它的表头行
missing-funds-block = 补上项目资金部分：{ $columns }
missing-funds-header = 项目资金的表头行需要：{ $columns }
missing-funds-first-row = 项目资金的第一行应为“{ $label }”
missing-level1-column = 表样的绩效指标部分没有“一级指标”栏
missing-indicator-header = 绩效指标部分需要表头行：一级指标 | 二级指标 | 三级指标 | …
missing-indicator-column = 绩效指标的表头要写出表样的每一栏
missing-total-row = 表格以“{ $label } | 分值 | 得分”一行结束
funds-row-variant = 资金行“{ $typed }”按表样的“{ $label }”一行读入
funds-row-variant-hint = 公开文件中印表样的名称“{ $label }”；如果这是另一种资金，请写一个有这一行的表样（见 README：Forms）
too-many-indicators = 绩效指标部分超过 jixiao 能读的 { $limit } 行
too-many-indicators-hint = 一张表的指标到“总分”一行为止；请拆分这个项目的指标，或核对“总分”一行的名称
template-rows = 有 { $count } 行是表样的示例行，没有实际指标，已从公开文件中略去：{ $rows }
template-rows-hint = 从工作簿中删去这些行（指标1、指标2、……、没有三级指标的二级指标），或把它们填上
template-row-nameless = { $cell } { $level2 }（无三级指标）
no-indicators = 绩效指标部分没有指标行
no-indicators-hint = 在“绩效指标”表头下至少填一个指标
unknown-sign = 指标性质“{ $sign }”不是比较符号
unknown-sign-hint = 用 >=、<= 或 =（也认 ≥、≤、＝），定性指标写“定性”
formula-without-value = 公式 ={ $formula } 没有保存计算结果
formula-without-value-hint = jixiao 能算的已经重新计算；在 Excel 或 WPS 中打开并保存一次即可存下结果
number-expected = { $what }：应为数字，填的是“{ $text }”
number-expected-hint = 只填数字，如 213.37，或者留空
cell-error = { $what }：单元格显示错误值 { $error }
cell-error-hint = 在 Excel 或 WPS 中改正公式，使它算出数字
unread-place-title = 标题
unread-place-number = 表号
unread-row-labelled = 在“{ $label }”一行
unread-row-start = 在一行的开头（当作这一行的名称）
unread-figure = 数字“{ $text }”{ $row }，表样 { $form } 在这里没有它的位置（这里应有：{ $expected }）：它不在公开文件中
unread-text = 文字“{ $text }”{ $row }，表样 { $form } 在这里没有它的位置（这里应有：{ $expected }）：它不在公开文件中
unread-figure-hint = 把行名或栏名写成表样的写法（表样文件可以接受更多写法），把数字移到表样的栏内，或删去它
unread-text-hint = 把文字移到表样中对应的格子，或删去它；jixiao 只印表样有位置的内容
no-tables = 工作簿中没有项目支出绩效自评表
no-tables-hint = 每张表放在单独的工作表上，以“项目名称”开头；jixiao init 可生成空白表

## 对照年初绩效目标

targets-unmatched = 没有项目“{ $project }”的绩效目标表
targets-unmatched-hint = 目标表的项目名称应与自评表一致
target-dropped = 年初目标中的指标“{ $name }”（{ $level1 } / { $level2 }，指标值 { $value }，见 { $at }）不在自评表中
target-dropped-hint = 年初设定的每个指标都要在自评表中反映，并填写完成情况
target-changed = “{ $name }”：自评表中的指标值是 { $value }，年初目标是 { $target }（见 { $at }）
target-changed-hint = 按年初设定的目标自评；调整过的目标要有批复依据
target-added = “{ $name }”（{ $level1 } / { $level2 }）不在 { $at } 的年初目标中
target-added-hint = 年初目标中没有这个指标：请说明新增的理由

## 打不开的输入

file-unreadable = 打不开 { $path }：{ $error }
file-unreadable-hint = 核对路径，确认文件可以读取
not-a-workbook = { $file } 不是电子表格工作簿（.xlsx、.xls 或 .ods）
not-a-workbook-hint = 在 Excel 或 WPS 中把表格另存为 .xlsx（文件 → 另存为 → Excel 工作簿）
corrupt-workbook = { $file } 像是工作簿，但读不出来：{ $detail }
corrupt-workbook-hint = 在 Excel 或 WPS 中打开，再另存为 .xlsx
password-protected = { $file } 设了打开密码
password-protected-hint = 去掉密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空）后再保存
too-large = { $place } 有 { $what }，超过 jixiao 能读的 { $limit }
too-large-hint = 公开用的工作簿一张工作表放一张表；删去表格下方和右侧的空行空列，把其他数据移到别的工作簿，或拆分（见 README：Limits）
invalid-timestamp = { $what } { $seconds } 不是 1970 年至 9999 年之间的时间
invalid-timestamp-hint = 写自 1970-01-01 UTC 起的秒数，如 1640995200 表示 2022-01-01
invalid-date = { $what }“{ $text }”不是日期
invalid-date-hint = 日期写成 YYYY-MM-DD，如 2022-05-31
no-input = 没有要生成的工作簿
no-input-hint = 指定一个（jixiao build 2021.xlsx），或在 jixiao.toml 中设 input；jixiao init 可以帮你开个头
form-unknown = 没有名为“{ $name }”的表样
form-unknown-hint = 现有的表样：{ $forms }；jixiao forms 逐一说明
form-invalid-hint = 对照内置表样检查（jixiao init --eject-form yunnan-2021）；README.md 的 Forms 一节列出所有键

## 写出公开文件

write-failed-hint = 检查输出文件夹所在位置的剩余空间和权限；先前的公开文件保持不变
output-is-file = 输出路径是一个文件，不是文件夹
output-is-file-hint = 用 --output 指定一个文件夹（如 -o packet）；jixiao 整个替换这个文件夹
packet-unreadable-hint = 指定 jixiao build 写出的文件夹（内含 model.json），或一个工作簿
packet-old-hint = 用这一版 jixiao 重新生成那个公开文件夹
missing-glyph = { $table } { $field }：随附字体中没有 { $chars }
missing-glyph-hint = 用 --font-path 指定含这些字的字体文件夹，或换成常用字（生僻字常有通用写法）
xlsx-failed = 写不出 Excel 文件：{ $error }
xlsx-failed-hint = Excel 一格最多 32767 个字，请缩短这段文字
html-template-hint = 对照内置模板检查你的模板文件夹（jixiao init --eject-templates）
nothing-corrected = 与 { $packet } 相比没有任何变化
nothing-corrected-hint = 不生成《更正说明》；确认指定的是改过的工作簿
waiting-for-build = 正在等待另一个写入 { $output } 的生成结束
what-timestamp = 时间戳
what-workbook-date = 工作簿的保存时间
what-manifest-timestamp = 公开文件清单中的时间戳
what-date = 日期
extent = { $rows } 行 × { $cols } 列
count-parts = { $count } 个部件
count-sheets = { $count } 张工作表
count-characters = { $count } 个字
count-bytes = { $count } 字节
text-of-characters = 一段 { $count } 个字的文字
date-unknown-previous = 《更正说明》不知道被更正的文件是哪天公开的，日期留空待填
date-unknown-previous-hint = 生成公开文件时加 --published 日期（清单会记下它），或加 --corrects-published 2022-05-31（jixiao.toml 中的 corrects_published）
date-unknown-today = 《更正说明》不知道本次更正的日期，日期留空待填
date-unknown-today-hint = 加 --published 2022-06-30（jixiao.toml 中的 published）：更正后的文件公开的日子
guide-code = 代码
guide-severity = 类别
guide-title = 含义
guide-advice = 怎么办
cannot-resolve-output = 无法确定输出文件夹的位置：{ $error }
cannot-create = 无法创建 { $path }：{ $error }
cannot-lock-file = 无法创建锁文件：{ $error }
cannot-lock-output = 无法锁定输出文件夹：{ $error }
cannot-stage = 无法创建临时文件夹：{ $error }
cannot-write-file = 无法写入 { $path }：{ $error }
cannot-move-packet = 无法把新的公开文件放到位：{ $error }
cannot-read-model = 无法读取 { $path }：{ $error }
not-a-model = { $path } 不是 jixiao 的数据文件：{ $error }
typst-failed = PDF 模板出错：{ $error }
typst-warned = PDF 模板：{ $error }
typst-internal = 排版程序 Typst 内部出错：{ $error }
typst-no-end = { $table }：模板没有标出表格的结尾
preview-failed = 无法生成 { $table } 的预览图：{ $error }
threads-failed = 无法启动工作线程：{ $error }
cannot-temp = 无法创建临时文件夹：{ $error }
cannot-temp-hint = 把 TMPDIR 设为 jixiao 能写入的文件夹
cannot-listen = 无法在 { $address } 上监听：{ $error }
cannot-listen-hint = 用 --port 换一个端口，或停掉占用它的程序
cannot-zip = 无法写出 zip：{ $error }
cannot-read-template = 无法读取模板 { $name }：{ $error }
cannot-read-template-hint = 模板是 UTF-8 文本文件；删去它即使用内置模板
cannot-read-forms = 无法读取表样文件夹：{ $error }
cannot-read-form = 无法读取表样：{ $error }

## 网页版（jixiao serve）

page-method = 不能这样打开这个地址
page-method-detail = 这个地址只接受表单提交。
page-host = 地址不对
page-host-detail = jixiao 只接受用本机地址打开的页面。
page-origin = 拒绝了其他网站的提交
page-origin-detail = 这份表单不是从 jixiao 的页面提交的。
page-origin-hint = 请从 jixiao 的页面上传。
page-failed = 页面出错了
page-failed-detail = jixiao 没能生成这个页面。
page-internal = jixiao 出错了
page-internal-detail = 处理这份工作簿时 jixiao 内部出错。
page-closing = jixiao 正在关闭
page-closing-detail = 服务正在停止，没有处理这次请求。
page-too-large = 文件太大
page-too-large-hint = 工作簿通常只有几百 KB；如确需更大，启动时用 --max-upload-mb 提高上限。
page-upload-failed = 上传没有成功
page-upload-failed-hint = 请回到首页重新选择文件上传。
page-not-workbook = 这不是工作簿
page-not-workbook-hint = 在 Excel 或 WPS 中打开它，另存为 .xlsx 后再上传。
page-unreadable = 无法读取这份工作簿
page-unreadable-detail = jixiao 打不开这份工作簿。
page-unreadable-hint = 确认它能在 Excel 或 WPS 中打开；如有密码，请去掉密码后另存再上传。
page-cannot-save = 无法保存上传的文件
page-cannot-save-hint = 检查磁盘空间，或重启 jixiao。
page-no-formats = 没有选择要生成的文件
page-no-formats-detail = 请至少勾选一种：PDF、网页或 Excel。
page-no-workbook = 没有选择工作簿
page-no-workbook-detail = 请先选择要检查的工作簿文件。
page-targets-unreadable = 无法读取绩效目标表
page-targets-unreadable-detail = jixiao 打不开上传的绩效目标表工作簿。
page-targets-unreadable-hint = 确认它能在 Excel 或 WPS 中打开；也可以不选目标表，只检查自评表。
page-not-packet = 这不是公开文件包
page-not-packet-hint = 请上传当初从 jixiao 下载的“公开文件包 .zip”，不要解压或改动它。
page-published-unreadable = 读不出已公开的表
page-published-unreadable-detail = 公开文件包中的 model.json 读不出来。
page-busy = jixiao 正忙
page-busy-detail = 同时上传的工作簿太多，这一份没有收下。
page-busy-hint = 稍等片刻再上传一次。
page-no-packet = 没有选择公开文件包
page-no-packet-detail = 更正需要当初下载的公开文件包（.zip）。
page-not-built = 还没有生成公开文件
page-not-built-detail = 这份工作簿还没有生成公开文件。
page-not-built-hint = 在检查结果页面点“生成公开文件”。
page-no-preview = 无法排版这张表
page-no-preview-detail = 打印预览没能生成。
page-no-html = 无法生成网页版
page-no-html-detail = 网页模板出错。
page-nothing-to-build = 没有表可以生成
page-nothing-to-build-detail = 这份工作簿没有读出表格。
page-nothing-to-build-hint = 按检查结果修改工作簿后重新上传。
page-errors = 有错误，没有生成
page-errors-detail = 检查发现错误，公开文件没有生成。
page-errors-hint = 改正工作簿后重新上传；或在检查结果页面勾选“仍然生成”后再生成。
page-build-failed = 生成失败
page-build-failed-detail = 公开文件没有生成，先前生成的（如有）保持不变。
page-not-found = 找不到这个页面
page-not-found-detail = 地址不对，或者这次上传已经过期删除。
page-not-found-hint = 回到首页重新上传工作簿。
page-zip-not-zip = 它不是 zip 文件
format-pdf = PDF（打印、公开）
format-html = 网页（HTML）
format-xlsx = Excel（.xlsx）
page-whole-workbook = 整个工作簿
diff-status-changed = 有改动
diff-status-added = 新增
diff-status-removed = 删除
diff-status-moved = 改了表号
page-host-hint = 请在浏览器中打开 http://{ $host }/
page-report-hint = 请把这段话报告给 jixiao 的维护者：{ $error }
page-report-workbook-hint = 请把工作簿和这段话报告给 jixiao 的维护者：{ $error }
page-too-large-detail = 上传的文件超过了 { $mb } MB 的上限。
page-unknown-format = 不认识的格式「{ $format }」
page-unknown-form = 没有名为「{ $form }」的表样。
page-not-workbook-detail = 「{ $name }」的内容不是 .xlsx、.xls 或 .ods 工作簿（jixiao 看文件内容，不看文件名）。
page-cannot-save-detail = 临时文件夹写不进去：{ $error }
page-not-packet-detail = 「{ $name }」{ $why }。
page-against-zip = 上传的公开文件包「{ $name }」
page-against-built = 「{ $name }」生成的公开文件
page-zip-lacks = zip 中没有 { $name }：它不是 jixiao 生成的公开包
page-zip-too-large = zip 中的 { $name } 超过 { $limit }
keep-hours = { $hours } 小时
keep-minutes = { $minutes } 分钟
group-table = { $number } { $project }（工作表「{ $sheet }」）
group-sheet = 工作表「{ $sheet }」（未读出表格）
page-brand-short = jixiao 绩效自评表
page-skip = 跳到正文
page-brand = jixiao · 项目支出绩效自评表
page-local = 在本机处理：文件不会离开这台电脑
page-keep = 上传的文件保留 { $keep }，关闭 jixiao 时删除
page-index-title = 上传工作簿
page-index-h1 = 检查并生成绩效自评表公开文件
page-index-lead = 选择单位填好的工作簿（Excel 或 WPS 保存的 .xlsx、.xls、.ods）。jixiao 像财政部门审核那样逐表检查，再生成公开用的 PDF、网页和 Excel 文件。
page-workbook-label = 工作簿文件
page-workbook-help = 点击选择文件，或把文件拖到这里。不超过 { $max }。
page-targets-label = 年初绩效目标表（可选）
page-targets-help = 选了，jixiao 就把每张自评表与同一项目的绩效目标表逐项对照：少报、新增、改动了指标值的指标都会列出。
page-upload-button = 上传并检查
page-fix-title = 更正已公开的表
page-fix-last = 与这次运行中最后生成的公开文件（「{ $name }」，{ $tables } 张表）比较：
page-fixed-workbook = 更正后的工作簿
page-fix-last-button = 上传并与「{ $name }」比较
page-fix-or-zip = 或者，与当初下载的公开文件包比较：
page-fix-lead = 上传更正后的工作簿和当初从这里下载的公开文件包（.zip）。jixiao 列出改动，并生成附《更正说明》的新公开文件。
page-fixed-workbook-zip = 更正后的工作簿（与下面的文件包比较）
page-packet-label = 已公开的文件包（.zip）
page-compare-button = 上传并比较
page-form-label = 表样
page-form-auto = 自动识别（按表中的栏目）
page-formats-legend = 生成的文件
page-more = 同类问题另有 { $count } 处
page-back = 返回首页
page-read = 读出 { $tables } 张表：
page-count-errors = { $count } 个错误
page-count-warnings = { $count } 个警告
page-count-notes = { $count } 条提示
page-job-form = （表样：{ $form }）
page-this-page = 本页
page-jump = 跳到：
page-changes = 改动
page-findings = 检查结果
page-build = 生成公开文件
page-download = 下载
page-diff-title = 与已公开版本相比（{ $against }）
page-diff-none = 没有改动：这份工作簿与已公开的表相同，不会生成《更正说明》。
page-diff-field = 项目
page-diff-old = 原为
page-diff-new = 更正为
page-diff-follows = （随之变化）
page-tables = 各表
page-col-number = 表号
page-col-project = 项目名称
page-col-form = 表样
page-col-total = 总分
page-col-grade = 自评等级
page-col-check = 检查
page-col-view = 查看
page-table-errors = { $count } 错误
page-table-warnings = { $count } 警告
page-passed = 通过
page-sheet = 原表
page-preview = 打印预览
page-no-findings = 没有发现问题。
page-no-tables-build = 没有读出表格，无法生成。请按提示修改工作簿后重新上传。
page-errors-found = 检查发现 { $count } 个错误。建议改正工作簿后
page-reupload = 重新上传
page-force = 我已知道有错误，仍然生成（同命令行 --force）
page-rebuild = 重新生成
page-download-all = 下载全部（公开文件包 .zip）
page-fix-question = 发现错误要更正？
page-fix-this = 上传更正后的工作簿（与这次生成的公开文件比较）
page-crumbs = 位置
page-sheet-name = 工作表「{ $sheet }」
page-sheet-shown = 工作表「{ $sheet }」，按读入时的样子显示
page-sheet-hit = ；标出的单元格是
page-sheet-clipped = （只显示前 { $rows } 行、{ $cols } 列。）
page-sheet-cells = 工作表「{ $sheet }」的单元格
page-sheet-findings = 这张表的检查结果
page-preview-lead = 下面是 PDF 的页面（由 Typst 按同一排版绘出）。也可以看
page-html-version = 网页版
page-preview-alt = { $number } 第 { $page } 页（共 { $pages } 页）
page-page = 第 { $page } 页
page-busy-button = 正在处理，请稍候…

## 表样文件

form-bad-name = 表样名称“{ $name }”只能用小写字母、数字和 -
form-bad-columns = `columns` 要列出每一栏的宽度，都大于 0
form-exactly-one = 一个表样恰好有一个 { $block } 部分
form-at-most-one = 一个表样最多有一个 { $block } 部分
form-targets-total = 目标表（kind = "targets"）没有总分部分：目标表不打分
form-total-needs-profile = 有总分部分的表样需要 `[profile]`（打分的规则）
form-profile-needs-total = 没有总分部分的表样不打分：删去 `[profile]`，或加上总分部分
form-total-last = 总分部分要在绩效指标之后
form-sums-unknown = `sums` 中的“{ $name }”不是任何 rows 部分的格子
form-points-sum = `[profile]` 的分值合计不对：预算 { $budget } + 各一级指标 { $groups } ≠ 总分 { $total }
form-grade-grades = 总分部分的 `grade = true` 与 `[profile]` 的 `grades` 要同时有或同时没有
form-bad-field = 字段名“{ $name }”只能用小写字母、数字和 _，以字母开头
form-rows-empty = 第 { $block } 部分（rows）没有行
form-rowspan = 第 { $block } 部分第 { $row } 行：有一格跨的行数超过了这一部分
form-row-width = 第 { $block } 部分第 { $row } 行：各格共占 { $used } 栏，表样有 { $width } 栏
form-cell-kind = 第 { $block } 部分：一格要么是 `label`，要么是 `field`
form-cell-span = 第 { $block } 部分：一格至少占一栏一行
form-funds-rows = 第 { $block } 部分（funds）没有列出 `funds` 各行
form-funds-column = 第 { $block } 部分：资金部分需要 `{ $name }` 栏
form-funds-text-field = 第 { $block } 部分：文字栏“{ $label }”需要一个 `field` 名来存它的值
form-funds-width = 第 { $block } 部分（funds）：各栏共占 { $used } 栏，表样有 { $width } 栏
form-unscored-points = 第 { $block } 部分：`weight` 或 `score` 栏需要表样打分（有总分部分和 `[profile]`）
form-targets-actual = 第 { $block } 部分：目标表没有 `actual` 栏（完成情况要到年底才有）
form-indicators-column = 第 { $block } 部分：绩效指标需要 `{ $name }` 栏
form-indicators-target = 第 { $block } 部分：绩效指标要有 `target`（连同 `sign` 和 `unit`）或 `target_text`，二者取一
form-indicators-text-field = 第 { $block } 部分：文字栏“{ $label }”需要一个 `field` 名来存它的值
form-field-on-text-only = 第 { $block } 部分：只有 `text` 栏可以有 `field`（“{ $field }”）
form-indicators-width = 第 { $block } 部分（indicators）：各栏共占 { $used } 栏，表样有 { $width } 栏
form-groups-width = 第 { $block } 部分：栏目分组覆盖的栏数超过了总栏数
config-unreadable = 读不出配置文件：{ $error }
config-hint = 每一项都可以不写；jixiao build --help 说明每一项的作用（每一项就是同名的命令行参数）
config-not-a-date = 应为日期，如 2022-05-31，写的是 { $found }
progress-tables = 张表
