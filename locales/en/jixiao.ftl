# jixiao's English message catalogue: every sentence a person reads. The keys are stable and
# the code names them; arguments ({ $name }) come formatted as the table writes figures.
# Each key here has its twin, with the same arguments, in locales/zh-CN/jixiao.ftl (tested).

## Common

list-sep = ,{ " " }
plus = { " + " }

## Checks: 项目资金

funds-sum-parts = { $total } { $column } is { $value } { $unit } but its 其中 rows ({ $parts }) add up to { $sum } { $unit }, { $diff } { $unit } apart
funds-sum-parts-hint = { $total } = { $parts }; correct whichever figure is wrong
funds-sum-empty = { $total } { $column } is empty but its 其中 rows ({ $parts }) add up to { $sum } { $unit }
funds-sum-empty-hint = { $total } = { $parts }
funds-sum-fields = { $total } is { $value } but { $parts } add up to { $sum }, { $diff } apart
funds-sum-fields-hint = { $total } = { $parts }
rate-mismatch = { $rate } is { $typed } but { $executed } / { $budget } = { $computed }
rate-mismatch-hint = { $rate } = { $executed } ÷ { $budget } (the adjusted budget, not the initial one)
rate-missing = { $rate } is empty but { $executed } / { $budget } = { $computed }
rate-missing-hint = type the { $rate }; the published table prints the cell as it is
funds-weight = the { $rate } 分值 is { $typed } but the { $profile } form gives { $expected }
funds-weight-hint = the { $profile } form weighs the budget execution { $expected }
funds-weight-missing = the { $rate } 分值 is empty; the { $profile } form gives { $expected }
funds-weight-missing-hint = type the 分值: a published table shows it (--force prints the form's)
funds-score-what = { $rate } 得分
figure-too-large = { $what } { $value } is past the figures jixiao reads ({ $limit })
figure-too-large-hint = type the figure as the table prints it, in the unit of its column (万元 or 元)
instruction-text = { $field }: “{ $text }” is the form's own instruction text
instruction-text-hint = replace it with the table's own text before publishing

## Checks: target tables

indicator-unnamed = { $level1 } indicator
target-unnamed = { $indicator }: the 三级指标 has no name
target-unnamed-hint = name what is measured (培训人次, 项目验收合格率), not only a figure
target-value-missing = { $indicator } has no 指标值
target-value-missing-hint = a figure with its unit (≥90%, 2次) or a clear qualitative word (提高, 达标)
target-tree = { $indicator } sits under 一级指标 { $level1 } with no 二级指标
target-tree-hint = every 一级指标 has its 二级指标, and each 二级 its 三级指标

## Checks: indicators

indicator-label = “{ $name }”
indicator-nameless = indicator
placeholder-indicator = { $indicator } looks like a template placeholder
placeholder-indicator-hint = replace it with the real 三级指标 or delete the row
actual-missing = { $indicator } has a target but no 实际完成值
actual-missing-hint = type what was achieved: a published table shows every 实际完成值
score-missing-unweighted = 得分 of { $indicator } is empty
score-missing-unweighted-hint = type the score: a published table shows every score
weight-missing = { $indicator } has no 分值
weight-missing-hint = every indicator needs a 分值; together with the budget's { $funds } they add up to { $total }
score-of = 得分 of { $indicator }
sign-missing = { $indicator } has a numeric target but no 指标性质; scored as >=
sign-missing-hint = set 指标性质 to >=, <= or =
actual-not-number = { $indicator }: the target is a number but 实际完成值 is “{ $actual }”
actual-not-number-hint = type the measured figure so the score can be checked
qualitative-band = { $indicator } is { $band } but scores { $score }, outside { $low }–{ $high } of its 分值 { $weight }
qualitative-band-hint = a 定性 score must sit in its band: { $bands }
bands = 达成 { $achieved_low }–{ $achieved_high } %, 部分达成 { $partial_low }–{ $partial_high } %, 未达成 { $missed_low }–{ $missed_high } % of 分值
reason-missing = { $indicator } scores { $score } of { $weight } with no 偏差原因分析及改进措施
reason-missing-hint = explain why the target was missed and what will change
over-achievement = { $indicator }: 实际 { $actual } is { $ratio }× the target { $target }
over-achievement-hint = a target this far exceeded may have been set too low; the score is left as typed

## Checks: points and totals

score-above-weight = { $what } { $score } is above its 分值 { $weight }
score-above-weight-hint = a score can be at most its 分值
score-mismatch = { $what } is { $score } but the rule gives { $computed }
score-mismatch-hint = check the 实际完成值 and 指标值, or the score; jixiao prints the score as typed
score-missing = { $what } is empty; the rule gives { $computed }
score-missing-hint = type the score: a published table shows every score (--force prints the rule's)
weights-sum = the 分值 add up to { $sum } (执行率 { $funds } + indicators { $indicators }), not { $total }
weights-sum-hint = adjust the indicators' 分值 so that they and the budget's { $funds } make { $total }
total-weight = 总分 分值 is { $typed } but the 分值 above add up to { $sum }
total-weight-hint = the 总分 row's 分值 is the sum of every 分值 in the table
total-weight-missing = 总分 分值 is empty; the 分值 above add up to { $sum }
total-weight-missing-hint = type the 分值 of the 总分 row: a published table shows it (--force prints the sum)
level1-weights = { $level1 } indicators weigh { $sum } in all; the { $profile } profile gives { $expected }
level1-weights-hint = the { $profile } form weighs the groups { $groups }
group-points = the 一级指标 carry { $sum } points ({ $parts }), but the { $profile } form gives the indicators { $expected }
group-points-hint = with the budget's { $funds } the table has { $total } points: the groups share { $expected }
total-mismatch = 总分 is { $score } but the scores add up to { $sum }
total-mismatch-hint = 总分 = 执行率 得分 + the sum of every indicator's 得分
total-missing = 总分 is empty; the scores add up to { $sum }
total-missing-hint = type the total: a published table shows it (--force prints the sum)
grade-filled = 自评等级 was left open; filled in as { $grade } (总分 { $score })
grade-mismatch = 自评等级 is { $typed } but 总分 { $score } gives { $grade }
grades-else = else { $grade }
duplicate-indicators = { $later }（{ $later_project }）repeats the indicator rows of { $earlier }（{ $earlier_project }）word for word
duplicate-indicators-hint = set { $later }'s own indicators; the rows look copied from { $earlier }
duplicate-number = { $number } numbers two tables: { $first } and { $second }
duplicate-number-hint = give each table its own number (公开12表-1, 公开12表-2, …)
rate-reason-missing = 执行率 { $rate } is below { $line }, and the form's note “{ $note }…” asks for the reason in { $field }; the cell holds only the note
rate-reason-missing-hint = write why the budget was not executed in { $field }, in the unit's own words

## The command line

severity-error = error
severity-warning = warning
severity-note = note
hint-label = = hint:
and-more = { $message } (and { $count } more like it)
findings-summary = { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    }, { $notes ->
        [one] 1 note
       *[other] { $notes } notes
    }
notes-hidden = { $summary } (-v shows them)
check-summary = { $file }: { $tables ->
        [one] 1 table
       *[other] { $tables } tables
    }, { $findings }
check-total = 总分 { $score }
built-unchanged = built: nothing changed since the last build; { $output } holds its { $tables } tables as they were (then: { $then }; `jixiao check` lists them) in { $seconds }s
built = built: rendered { $rendered } of { $tables } tables, wrote { $files } files to { $output } in { $seconds }s; { $findings }
build-stopped = jixiao: { $findings }; nothing written (--force writes anyway)
init-workbook-exists = jixiao: { $path } exists and init never replaces a workbook; nothing written
init-workbook-exists-hint = without --force, init adds only the files that are missing; move the workbook aside to start afresh
init-replaced-item = { $path } (the previous one is now { $backup })
cannot-write = jixiao: cannot write { $path }: { $error }
init-wrote = wrote { $count } files to { $dir } ({ $form } form)
init-replaced = replaced { $path }
init-kept = kept { $paths } as they are (--force replaces them, keeping a copy)
init-next = fill in { $workbook }, then run `jixiao` there
serve-threads = jixiao: cannot start the server's threads: { $error }
serve-listening = jixiao serve: { $url }  (Ctrl-C stops it; uploads are removed then)
serve-open-network = listening on { $address }: other computers on the network can open it too
serve-stopped-error = the server stopped: { $error }
serve-stopped = jixiao serve: stopped; removed { $count } upload(s)
serve-no-browser = jixiao: cannot open a browser ({ $error }); open { $url } yourself
forms-scored = scored
forms-unscored = not scored
diff-none = no changes
diff-changed = { $count ->
        [one] 1 change
       *[other] { $count } changes
    }
diff-added = added
diff-removed = removed
diff-moved = moved from { $old }; { $count } changes
diff-empty = (empty)
diff-follows = (follows from the change above)

## Reading the table

sheet-empty = sheet { $sheet } is empty: no table read from it
sheet-no-table = sheet { $sheet } has no 项目名称 label: no table read from it
sheet-skipped-hint = this is fine for a cover or notes sheet
form-ambiguous = the sheet fits the forms { $forms } equally well
form-ambiguous-hint = name the form: `--form { $form }` or `form = "{ $form }"` in jixiao.toml
form-none = the sheet is in no known form; the nearest, { $form }, lacks { $missed }
form-none-hint = `jixiao forms` lists the forms; write one for this layout in forms/ beside jixiao.toml, or name one with --form
missing-label = the table has no { $label } label
missing-project-label = the row with the project name must start with the label { $label }
missing-form-label = the form { $form } has the label { $label } here
missing-header-row = the block needs its header row of labels
missing-funds-block = add the funds block: { $columns }
missing-funds-header = the funds header row needs { $columns }
missing-funds-first-row = the first funds row must be labelled { $label }
missing-level1-column = the form's 绩效指标 block has no 一级指标 column
missing-indicator-header = the 绩效指标 block needs its header row 一级指标 | 二级指标 | 三级指标 | …
missing-indicator-column = the 绩效指标 header must name every column of the form
missing-total-row = end the table with the row { $label } | points | score
funds-row-variant = the funds row “{ $typed }” is read as the form's row { $label }
funds-row-variant-hint = the packet prints the form's label { $label }; if the row is another kind of funds, add a form with its own row (README: Forms)
too-many-indicators = the 绩效指标 block holds more than the { $limit } indicator rows jixiao reads
too-many-indicators-hint = a table's indicators end at its 总分 row; split the project's indicators, or check that the 总分 row is labelled
template-rows = { $count } row(s) of the form's template hold no indicator and are left out of the packet: { $rows }
template-rows-hint = delete the rows (指标1, 指标2, ……, a 二级指标 with no 三级指标) from the workbook, or fill them in
template-row-nameless = { $cell } { $level2 }（无三级指标）
no-indicators = the 绩效指标 block has no indicator rows
no-indicators-hint = add at least one indicator under the 绩效指标 header
unknown-sign = 指标性质 “{ $sign }” is not a comparison sign
unknown-sign-hint = use >=, <= or = (≥, ≤, ＝ are read too), or 定性 for a qualitative target
formula-without-value = the formula ={ $formula } has no saved result
formula-without-value-hint = jixiao recomputes what it can; open and save the workbook in Excel or WPS to store the results
number-expected = { $what }: expected a number, found “{ $text }”
number-expected-hint = type the figure as a plain number, e.g. 213.37, or leave the cell empty
cell-error = { $what }: the cell shows the error { $error }
cell-error-hint = fix the formula in Excel or WPS so that it gives a number
unread-place-title = the title
unread-place-number = the table's number
unread-row-labelled = in the row labelled “{ $label }”
unread-row-start = at the start of its row, as its label
unread-figure = the figure “{ $text }” stands { $row }, where the form { $form } has no place for it (it expects { $expected }): it is not in the packet
unread-text = the text “{ $text }” stands { $row }, where the form { $form } has no place for it (it expects { $expected }): it is not in the packet
unread-figure-hint = write the row's or column's label as the form does (a form file can accept more spellings), move the figure into the form's column, or delete it
unread-text-hint = move the text into the form's cell for it, or delete it; jixiao prints only what the form has a place for
no-tables = the workbook holds no 项目支出绩效自评表
no-tables-hint = each table goes on its own sheet and starts with the label 项目名称; `jixiao init` writes a blank one

## Against the spring targets

targets-unmatched = no target table is for the project “{ $project }”
targets-unmatched-hint = the target table's 项目名称 must be the self-evaluation's
target-dropped = the target “{ $name }” ({ $level1 } / { $level2 }, 指标值 { $value }, at { $at }) is not in the self-evaluation
target-dropped-hint = report every indicator the spring targets set, with what was achieved
target-changed = “{ $name }”: 指标值 is { $value } here but { $target } in the targets (at { $at })
target-changed-hint = report against the target as it was set; a changed target needs its approval
target-added = “{ $name }” ({ $level1 } / { $level2 }) is not among the targets of { $at }
target-added-hint = an indicator the spring targets did not set: say why it was added

## Inputs that cannot be read

file-unreadable = cannot open { $path }: { $error }
file-unreadable-hint = check the path and that the file is readable
not-a-workbook = { $file } is not a spreadsheet workbook (.xlsx, .xls or .ods)
not-a-workbook-hint = save the table from Excel or WPS as .xlsx (文件 → 另存为 → Excel 工作簿)
corrupt-workbook = { $file } looks like a workbook but cannot be read: { $detail }
corrupt-workbook-hint = open the file in Excel or WPS and save it again as .xlsx
password-protected = { $file } is password-protected
password-protected-hint = remove the password (文件 → 信息 → 保护工作簿 → 用密码进行加密, clear it) and save again
too-large = { $place } holds { $what }, more than the { $limit } jixiao reads
too-large-hint = a packet's workbook holds one table a sheet; delete the empty rows and columns below and right of a table, move other data to another workbook, or split the packet (README: Limits)
invalid-timestamp = { $what } { $seconds } is not a date between 1970 and 9999
invalid-timestamp-hint = give seconds since 1970-01-01 UTC, e.g. 1640995200 for 2022-01-01
invalid-date = { $what } “{ $text }” is not a date
invalid-date-hint = write the date as YYYY-MM-DD, e.g. 2022-05-31
no-input = no workbook to build
no-input-hint = name one (`jixiao build 2021.xlsx`) or set `input` in jixiao.toml; `jixiao init` makes a start
form-unknown = there is no form “{ $name }”
form-unknown-hint = the forms are { $forms }; `jixiao forms` describes them
form-invalid-hint = compare it with a built-in form (`jixiao init --eject-form yunnan-2021`); README.md, "Forms", lists the keys

## Writing the packet

write-failed-hint = check the free space and permissions of the output folder's parent; the previous packet is unchanged
output-is-file = the output path is a file, not a folder
output-is-file-hint = name a folder with --output (`-o packet`); jixiao replaces the folder as a whole
packet-unreadable-hint = name a folder written by `jixiao build` (it holds model.json), or a workbook
packet-old-hint = rebuild that packet with this version of jixiao
missing-glyph = { $table } { $field }: no font has { $chars }
missing-glyph-hint = add a font that has these characters with --font-path DIR, or replace them (a rare character may have a common variant)
xlsx-failed = cannot write the Excel copy: { $error }
xlsx-failed-hint = Excel holds at most 32,767 characters in a cell; shorten the text
html-template-hint = check your template folder against the built-in templates (`jixiao init --eject-templates`)
nothing-corrected = nothing changed since { $packet }
nothing-corrected-hint = no 更正说明 is written; check that the corrected workbook is the one named
waiting-for-build = waiting for another build into { $output } to finish
what-timestamp = the timestamp
what-workbook-date = the workbook's date
what-manifest-timestamp = the manifest's timestamp
what-date = the date
extent = { $rows } rows × { $cols } columns
count-parts = { $count } parts
count-sheets = { $count } sheets
count-characters = { $count } characters
count-bytes = { $count } bytes
text-of-characters = a text of { $count } characters
date-unknown-previous = the 更正说明 does not know when the corrected packet was published; it leaves the date blank
date-unknown-previous-hint = build the published packet with `--published DATE` (its manifest keeps it), or give `--corrects-published 2022-05-31` (`corrects_published` in jixiao.toml)
date-unknown-today = the 更正说明 does not know the date of this correction; it leaves the date blank
date-unknown-today-hint = give `--published 2022-06-30` (`published` in jixiao.toml): the day the corrected packet is published
guide-code = code
guide-severity = severity
guide-title = what it names
guide-advice = what to do
cannot-resolve-output = cannot resolve the output folder: { $error }
cannot-create = cannot create { $path }: { $error }
cannot-lock-file = cannot create the lock file: { $error }
cannot-lock-output = cannot lock the output folder: { $error }
cannot-stage = cannot create a staging folder: { $error }
cannot-write-file = cannot write { $path }: { $error }
cannot-move-packet = cannot move the new packet into place: { $error }
cannot-read-model = cannot read { $path }: { $error }
not-a-model = { $path } is not a jixiao model: { $error }
typst-failed = the PDF template failed: { $error }
typst-warned = the PDF template: { $error }
typst-internal = Typst stopped with an internal error: { $error }
typst-no-end = { $table }: the template did not mark the end of the table
preview-failed = cannot encode the preview of { $table }: { $error }
threads-failed = cannot start worker threads: { $error }
work-not-done = part { $part } of the work was never done (a worker stopped without a result)
cannot-temp = cannot make a temporary folder: { $error }
cannot-temp-hint = set TMPDIR to a folder jixiao may write
cannot-listen = cannot listen on { $address }: { $error }
cannot-listen-hint = choose another port with --port, or stop the program that holds it
cannot-zip = cannot write the zip: { $error }
cannot-read-template = cannot read the template { $name }: { $error }
cannot-read-template-hint = templates are UTF-8 text files; delete the file to use the built-in one
cannot-read-forms = cannot read the forms folder: { $error }
cannot-read-form = cannot read the form: { $error }

## The web page (jixiao serve)

page-method = This address cannot be opened this way
page-method-detail = This address takes form submissions only.
page-host = Wrong address
page-host-detail = jixiao answers pages opened at this computer's own address only.
page-origin = A submission from another site was refused
page-origin-detail = This form was not sent from jixiao's page.
page-origin-hint = Upload from jixiao's page.
page-failed = The page failed
page-failed-detail = jixiao could not make this page.
page-internal = jixiao failed
page-internal-detail = jixiao failed inside while handling this workbook.
page-closing = jixiao is shutting down
page-closing-detail = The server is stopping; this request was not handled.
page-too-large = The file is too large
page-too-large-hint = A workbook is usually a few hundred KB; if you need more, start jixiao with --max-upload-mb.
page-upload-failed = The upload did not succeed
page-upload-failed-hint = Go back to the start page and choose the file again.
page-not-workbook = This is not a workbook
page-not-workbook-hint = Open it in Excel or WPS, save it as .xlsx and upload that.
page-unreadable = This workbook cannot be read
page-unreadable-detail = jixiao cannot open this workbook.
page-unreadable-hint = Check that it opens in Excel or WPS; remove any password, save and upload again.
page-cannot-save = The upload cannot be saved
page-cannot-save-hint = Check the free disk space, or restart jixiao.
page-no-formats = No format chosen
page-no-formats-detail = Tick at least one: PDF, web page or Excel.
page-no-workbook = No workbook chosen
page-no-workbook-detail = Choose the workbook to check first.
page-targets-unreadable = The target table cannot be read
page-targets-unreadable-detail = jixiao cannot open the uploaded target workbook.
page-targets-unreadable-hint = Check that it opens in Excel or WPS; or leave the targets out and check the self-evaluation alone.
page-not-packet = This is not a packet
page-not-packet-hint = Upload the packet .zip downloaded from jixiao, unopened and unchanged.
page-published-unreadable = The published tables cannot be read
page-published-unreadable-detail = The packet's model.json cannot be read.
page-busy = jixiao is busy
page-busy-detail = Too many workbooks are being uploaded at once; this one was not taken.
page-busy-hint = Wait a moment and upload it again.
page-no-packet = No packet chosen
page-no-packet-detail = A correction needs the packet (.zip) downloaded back then.
page-not-built = No packet built yet
page-not-built-detail = No packet has been built from this workbook yet.
page-not-built-hint = Press “生成公开文件” on the findings page.
page-no-preview = This table cannot be laid out
page-no-preview-detail = The print preview could not be made.
page-no-html = The web version cannot be made
page-no-html-detail = The web page template failed.
page-nothing-to-build = No table to build
page-nothing-to-build-detail = No table was read from this workbook.
page-nothing-to-build-hint = Correct the workbook as the findings say and upload it again.
page-errors = Errors: nothing built
page-errors-detail = The checks found errors; no packet was built.
page-errors-hint = Correct the workbook and upload it again, or tick “仍然生成” on the findings page and build.
page-build-failed = The build failed
page-build-failed-detail = No packet was written; the one built before, if any, is unchanged.
page-not-found = Page not found
page-not-found-detail = The address is wrong, or this upload has expired and was removed.
page-not-found-hint = Go back to the start page and upload the workbook again.
page-zip-not-zip = it is not a zip file
format-pdf = PDF (print, publish)
format-html = Web page (HTML)
format-xlsx = Excel (.xlsx)
page-whole-workbook = The whole workbook
diff-status-changed = changed
diff-status-added = added
diff-status-removed = removed
diff-status-moved = renumbered
page-host-hint = Open http://{ $host }/ in the browser
page-report-hint = Please report this to jixiao's maintainers: { $error }
page-report-workbook-hint = Please report the workbook and this to jixiao's maintainers: { $error }
page-too-large-detail = The upload is over the { $mb } MB limit.
page-unknown-format = Unknown format “{ $format }”
page-unknown-form = There is no form “{ $form }”.
page-not-workbook-detail = “{ $name }” holds no .xlsx, .xls or .ods workbook (jixiao reads what a file holds, not its name).
page-cannot-save-detail = The temporary folder cannot be written: { $error }
page-not-packet-detail = “{ $name }”: { $why }.
page-against-zip = the uploaded packet “{ $name }”
page-against-built = the packet built from “{ $name }”
page-zip-lacks = the zip has no { $name }: it is not a packet jixiao wrote
page-zip-too-large = the zip's { $name } is over { $limit }
keep-hours = { $hours } hours
keep-minutes = { $minutes } minutes
group-table = { $number } { $project } (sheet “{ $sheet }”)
group-sheet = Sheet “{ $sheet }” (no table read)
page-brand-short = jixiao performance tables
page-skip = Skip to the content
page-brand = jixiao · 项目支出绩效自评表
page-local = Handled on this computer: files do not leave it
page-keep = uploads are kept { $keep } and removed when jixiao closes
page-index-title = Upload a workbook
page-index-h1 = Check the self-evaluation tables and build the packet
page-index-lead = Choose the unit's workbook (.xlsx, .xls or .ods, saved by Excel or WPS). jixiao checks each table as the finance bureau would, then writes the PDF, web page and Excel files to publish.
page-workbook-label = Workbook
page-workbook-help = Click to choose a file, or drop it here. At most { $max }.
page-targets-label = Spring targets (项目支出绩效目标表, optional)
page-targets-help = If chosen, jixiao compares each table with its project's target table: indicators left out, added or with a changed 指标值 are listed.
page-upload-button = Upload and check
page-fix-title = Correct published tables
page-fix-last = Compare with the packet built last in this session (“{ $name }”, { $tables } tables):
page-fixed-workbook = Corrected workbook
page-fix-last-button = Upload and compare with “{ $name }”
page-fix-or-zip = Or compare with a packet downloaded earlier:
page-fix-lead = Upload the corrected workbook and the packet (.zip) downloaded here back then. jixiao lists the changes and builds a new packet with its 更正说明.
page-fixed-workbook-zip = Corrected workbook (compared with the packet below)
page-packet-label = The published packet (.zip)
page-compare-button = Upload and compare
page-form-label = Form
page-form-auto = Recognize (by the table's labels)
page-formats-legend = Files to write
page-more = { $count } more like it
page-back = Back to the start page
page-read = { $tables } tables read:
page-count-errors = { $count } errors
page-count-warnings = { $count } warnings
page-count-notes = { $count } notes
page-job-form = (form: { $form })
page-this-page = This page
page-jump = Go to:
page-changes = Changes
page-findings = Findings
page-build = Build the packet
page-download = Download
page-diff-title = Against the published version ({ $against })
page-diff-none = No changes: this workbook's tables are the published ones; no 更正说明 is written.
page-diff-field = Item
page-diff-old = Was
page-diff-new = Corrected to
page-diff-follows = (follows)
page-tables = Tables
page-col-number = Number
page-col-project = Project
page-col-form = Form
page-col-total = 总分
page-col-grade = 自评等级
page-col-check = Checks
page-col-view = View
page-table-errors = { $count } errors
page-table-warnings = { $count } warnings
page-passed = passed
page-sheet = Sheet
page-preview = Print preview
page-no-findings = Nothing found.
page-no-tables-build = No table was read, so there is nothing to build. Correct the workbook as the findings say and upload it again.
page-errors-found = The checks found { $count } errors. Better: correct the workbook and
page-reupload = upload it again
page-force = I know there are errors; build anyway (as --force does)
page-rebuild = Build again
page-download-all = Download everything (the packet .zip)
page-fix-question = Found a mistake to correct?
page-fix-this = Upload the corrected workbook (compared with the packet built here)
page-crumbs = Where
page-sheet-name = Sheet “{ $sheet }”
page-sheet-shown = Sheet “{ $sheet }” as it was read
page-sheet-hit = ; the marked cell is
page-sheet-clipped = (the first { $rows } rows and { $cols } columns only.)
page-sheet-cells = The cells of sheet “{ $sheet }”
page-sheet-findings = This table's findings
page-preview-lead = The PDF's pages (drawn by Typst in the same layout). See also the
page-html-version = web version
page-preview-alt = { $number }, page { $page } of { $pages }
page-page = Page { $page }
page-busy-button = Working, please wait…

## Form files

form-bad-name = the name “{ $name }” must be lower-case letters, digits and -
form-bad-columns = `columns` must list every column's width, each above 0
form-exactly-one = a form has exactly one { $block } block
form-at-most-one = a form has at most one { $block } block
form-targets-total = a target table (kind = "targets") has no total block: targets are not scored
form-total-needs-profile = a form with a total block needs its `[profile]` (the points it scores by)
form-profile-needs-total = a form without a total block does not score: leave out `[profile]`, or add the total block
form-total-last = the total block comes after the indicators
form-sums-unknown = `sums` names “{ $name }”, which no rows block's cell holds
form-points-sum = the profile's points do not add up: budget { $budget } + groups { $groups } ≠ total { $total }
form-grade-grades = a total block with `grade = true` and the profile's `grades` go together
form-bad-field = the field “{ $name }” must be lower-case letters, digits and _, beginning with a letter
form-rows-empty = block { $block } (rows) has no rows
form-rowspan = block { $block }, row { $row }: a cell spans more rows than the block has
form-row-width = block { $block }, row { $row }: its cells span { $used } columns, the form has { $width }
form-cell-kind = block { $block }: a cell is either a `label` or a `field`
form-cell-span = block { $block }: a cell spans at least one column and row
form-funds-rows = block { $block } (funds) lists no `funds` rows
form-funds-column = block { $block }: the funds need a `{ $name }` column
form-funds-text-field = block { $block }: the text column “{ $label }” needs a `field` name to keep its value under
form-funds-width = block { $block } (funds): its columns span { $used } columns, the form has { $width }
form-unscored-points = block { $block }: a `weight` or `score` column needs the form to score (a total block and `[profile]`)
form-targets-actual = block { $block }: a target table has no `actual` column (what was achieved comes a year later)
form-indicators-column = block { $block }: the indicators need a `{ $name }` column
form-indicators-target = block { $block }: the indicators need either `target` (with `sign` and `unit`) or `target_text`, one of them
form-indicators-text-field = block { $block }: the text column “{ $label }” needs a `field` name to keep its values under
form-field-on-text-only = block { $block }: only a `text` column takes a `field` (“{ $field }”)
form-indicators-width = block { $block } (indicators): its columns span { $used } columns, the form has { $width }
form-groups-width = block { $block }: the groups cover more columns than there are
config-unreadable = cannot read the configuration: { $error }
config-hint = every key is optional; `jixiao build --help` says what each does (each key is the flag of the same name)
config-not-a-date = expected a date such as 2022-05-31, found { $found }
progress-tables = tables

## The codes: titles and what to do (web page, user guide, README)

code-funds-sum = A funds total is not the sum of its rows
advice-funds-sum = Check the 年度资金总额 row: it equals the sum of its 其中 rows (当年财政拨款, 上年结转资金, 其他资金).
code-rate-mismatch = 执行率 does not match executed / budget
advice-rate-mismatch = 执行率 is 全年执行数 ÷ 全年预算数; correct the rate, or the figures.
code-rate-missing = 执行率 left empty
advice-rate-missing = Type the 执行率 (全年执行数 ÷ 全年预算数); jixiao does not fill it in, and the packet prints the cell empty.
code-funds-weight = The 执行率 分值 differs from the form's
advice-funds-weight = Check that the 执行率 carries the points the local rules give it (10, say).
code-score-mismatch = A score differs from the rule's
advice-score-mismatch = Check the score against the scoring rule; the finding gives the rule's score.
code-score-above-weight = A score above its 分值
advice-score-above-weight = A score cannot exceed its 分值; correct it.
code-score-missing = An empty 得分 or 总分
advice-score-missing = Type the score or the total; the packet prints the rule's only with --force.
code-actual-missing = An empty 实际完成值
advice-actual-missing = Type what was achieved; a published table leaves none empty.
code-instruction-text = The form's instruction text left in a cell
advice-instruction-text = Replace the form's instruction or placeholder text (（100字以内）, （主管部门名称）) with the unit's own.
code-reason-missing = Points deducted with no reason given
advice-reason-missing = An indicator that lost points explains why in 偏差原因分析及改进措施.
code-qualitative-band = A 定性 score outside its band
advice-qualitative-band = A qualitative score sits in the band of its rating (达成, 部分达成, 未达成).
code-weight-missing = A 分值 left empty
advice-weight-missing = Give every indicator, the 执行率 and the 总分 row their 分值.
code-sign-missing = A numeric target without 指标性质
advice-sign-missing = Set 指标性质 (>=, <= or =); without it the score takes >=.
code-actual-not-number = A numeric target's 实际完成值 is text
advice-actual-not-number = Type the measured figure so that the score can be checked.
code-weights-sum = The 分值 do not add up to the total
advice-weights-sum = Adjust the indicators' 分值 so that all of them make the form's total (100).
code-group-points = The groups' points do not add up
advice-group-points = The points written into the 一级指标 labels add up to what the form gives the indicators.
code-total-weight = The 总分 row's 分值 is not the sum
advice-total-weight = The 总分 row's 分值 is the sum of every 分值 above it.
code-total-mismatch = 总分 is not the sum of the scores
advice-total-mismatch = 总分 = the 执行率 score + every indicator's score.
code-grade-filled = 自评等级 filled in from 总分
advice-grade-filled = Nothing to do: jixiao filled in the grade from 总分 and the form's bands (shown in the finding).
code-grade-mismatch = 自评等级 does not follow from 总分
advice-grade-mismatch = Set the grade the form's bands give the 总分.
code-duplicate-number = Two tables with one number
advice-duplicate-number = Give each table its own number (公开12表-1, 公开12表-2, …).
code-duplicate-indicators = Indicators copied from another table
advice-duplicate-indicators = The table repeats another table's indicators word for word; set its own.
code-template-rows = Template rows left in (left out of the packet)
advice-template-rows = Delete the form's example rows (指标1, ……, a 二级指标 with no 三级指标), or fill them in.
code-rate-reason-missing = No reason for a low 执行率
advice-rate-reason-missing = Below the form's line (Sichuan: 90 %), write why the budget was not executed, in the unit's own words.
code-placeholder-indicator = A template row (指标1, ……) left in
advice-placeholder-indicator = Delete the example rows, or replace them with real indicators.
code-target-unnamed = A 三级指标 with no name
advice-target-unnamed = Name what is measured (培训人次, say), not only a figure.
code-target-value-missing = An indicator without 指标值
advice-target-value-missing = Give every indicator its 指标值: a figure with its unit (≥90%) or a clear qualitative word.
code-target-tree = An incomplete indicator tree
advice-target-tree = Each 一级指标 has its 二级指标, each 二级 its 三级指标.
code-target-dropped = A spring target missing from the self-evaluation
advice-target-dropped = Report every indicator the spring targets set, with what was achieved; a changed set needs its approval.
code-target-added = An indicator the spring targets did not set
advice-target-added = Check whether it appears in the targets under another name; say why it was added.
code-target-changed = A 指标值 changed from the spring targets
advice-target-changed = Report against the target as approved in spring; a changed target needs its approval.
code-targets-unmatched = No target table for this project
advice-targets-unmatched = Check that the target table's 项目名称 is the self-evaluation's, or add the project's target table.
code-over-achievement = An actual far past its target
advice-over-achievement = For information: a target this far exceeded may have been set too low; the score stays as typed.
code-missing-glyph = A character no font has
advice-missing-glyph = Use a common variant of the character, or name a font that has it with --font-path.
code-missing-label = A label of the form is missing
advice-missing-label = The table lacks one of the form's labels (项目名称, say) and cannot be read; add it.
code-unread-cell = A figure jixiao cannot place
advice-unread-cell = Write the row's or column's label as the form does, move the figure into the form's column, or delete it.
code-unread-text = A text jixiao cannot place
advice-unread-text = The text is not in the packet: move it to the form's cell for it, or delete it.
code-label-variant = A label read as the nearest of the form's
advice-label-variant = Nothing to do: the row's label differs from the form's and was read as the nearest; the packet prints the form's.
code-number-expected = Text where a number belongs
advice-number-expected = Type a plain number (213.37), without a unit or words, or leave the cell empty.
code-cell-error = A cell shows a spreadsheet error
advice-cell-error = Fix the formula (#DIV/0!, #REF!) in Excel or WPS.
code-unknown-sign = 指标性质 is not >=, <= or =
advice-unknown-sign = 指标性质 is one of >=, <= and =.
code-no-indicators = No indicator rows
advice-no-indicators = Add the indicator rows under 绩效指标.
code-no-tables = The workbook holds no table
advice-no-tables = Put each table on a sheet of its own, beginning with 项目名称; `jixiao init` writes a blank one.
code-formula-without-value = A formula without its saved result
advice-formula-without-value = Nothing to do: jixiao recomputed it; open and save the workbook in Excel or WPS to store the results.
code-sheet-skipped = A sheet without a table was skipped
advice-sheet-skipped = Nothing to do: the sheet (a cover, say) holds no table.
code-form-undetected = The form cannot be recognized
advice-form-undetected = Choose the form (--form, or on the upload page), or check the table's labels.
code-typst = The PDF template failed
advice-typst = If you use your own templates, compare them with the built-in ones.
code-typst-internal = The typesetter failed inside
advice-typst-internal = Please report the workbook to jixiao's maintainers; landscape or shorter texts may avoid it.
code-html-template = The web page template failed
advice-html-template = If you use your own templates, compare them with the built-in ones.
code-xlsx = Excel cannot hold a value
advice-xlsx = A cell holds at most 32,767 characters in Excel; shorten the text.
code-date-unknown = A date of the 更正说明 is unknown
advice-date-unknown = The 更正说明 leaves the date blank to fill in; give the publication date in jixiao.toml.
code-nothing-corrected = Nothing changed from the published tables
advice-nothing-corrected = The corrected workbook equals the published tables: no 更正说明 is written; check that you chose the corrected file.
code-internal = jixiao failed inside
advice-internal = Please report the workbook and this message to jixiao's maintainers.
code-file-unreadable = The workbook cannot be opened
advice-file-unreadable = Check that the file is whole and opens in Excel or WPS.
code-not-a-workbook = Not an .xlsx, .xls or .ods workbook
advice-not-a-workbook = Save it as .xlsx from Excel or WPS.
code-corrupt-workbook = The workbook is damaged
advice-corrupt-workbook = Open it in Excel or WPS and save a new copy.
code-password-protected = The workbook has a password
advice-password-protected = Remove the password, save, and try again.
code-too-large = Past jixiao's limits
advice-too-large = Delete empty rows and columns and unrelated sheets, or split the workbook.
code-config = jixiao.toml has a mistake
advice-config = Correct the key the finding names in jixiao.toml.
code-no-input = No workbook named
advice-no-input = Name the workbook to build.
code-packet-unreadable = No readable model.json
advice-packet-unreadable = Use a packet folder or zip written by jixiao (it holds model.json).
code-template-unreadable = A template cannot be read
advice-template-unreadable = Templates are UTF-8 text; delete the file to use the built-in one.
code-form-invalid = A form file has a mistake
advice-form-invalid = Correct the line of the form file the finding names.
code-form-unknown = No such form
advice-form-unknown = Choose one of the forms listed.
code-invalid-date = A date or time out of range
advice-invalid-date = Dates are between 1970 and 9999, written YYYY-MM-DD.
code-write-failed = The packet cannot be written
advice-write-failed = Check the disk space and the folder's permissions; the previous packet is unchanged.
code-level1-weights = A 一级指标 group weighs other than the form says
advice-level1-weights = Check that each 一级指标 group carries the points the local rules give it.

## The bureau's review (jixiao review)

copied-across-units = { $unit }'s { $table } ({ $project }) repeats the indicators of { $other_unit }'s { $other_table } ({ $other_project }) word for word (at { $at })
copied-across-units-hint = two units with the same indicators word for word: likely copied; the unit sets its project's own
code-copied-across-units = Indicators copied from another unit's table
advice-copied-across-units = Two units' tables have the same indicators word for word: check whether one copied, and have the unit set its project's own.
review-sheet-summary = Summary
review-sheet-findings = Findings
review-sheet-across = Across units
review-sheet-rubric = Rubric
review-col-unit = Unit
review-col-department = Department
review-col-file = File
review-col-tables = Tables
review-col-errors = Errors
review-col-warnings = Warnings
review-col-notes = Notes
review-col-quality = Quality
review-col-rank = Rank
review-col-unreadable = Why unreadable
review-col-table = Table
review-col-place = Place
review-col-code = Code
review-col-severity = Severity
review-col-title = Problem
review-col-message = Message
review-col-rule = Rule
review-col-points = Points
review-rule-full = Full marks
review-done = reviewed { $units } units ({ $tables } tables, { $unreadable } unreadable) into { $output }: { $findings }; { $across } across units
review-no-input = no workbook found
review-col-targets = Against targets
actuals-equal-targets = { $table }: each of its { $count } numeric indicators has an actual equal to its target to the last digit
actuals-equal-targets-hint = this looks reported to the target, not measured; ask the unit for the measured figures
code-actuals-equal-targets = Every actual equals its target
advice-actuals-equal-targets = Every numeric actual of the table equals its target: check that the unit reported what was measured.
full-score-missed-target = { $table }: "{ $indicator }" reached { $actual }{ $unit }, missing its target { $target }, yet scored full { $score }
full-score-missed-target-hint = a missed target loses points by its share reached, with a reason; have the unit check the score
full-marks-low-rate = { $table } scores full { $score } with a budget 执行率 of only { $rate }% (under 90%)
full-marks-low-rate-hint = a project that spent under 90% of its budget should not usually score full; check the execution and the scores
goals-copied-across-units = { $unit }'s { $table } has the { $what } of { $other_unit }'s { $other_table } word for word (at { $at })
goals-copied-across-units-hint = two units with the same goals word for word: likely copied; the unit writes its project's own
goals-expected = expected goals
goals-achieved = achieved goals
inconsistent-standard = { $unit }'s { $table }: "{ $indicator }" targets { $target }{ $measure }, where { $others } other units mostly use { $median }{ $common } (e.g. { $at })
inconsistent-standard-hint = one indicator with very different standards across units: check the target and its unit for a slip or a lowered bar
department-high-scores = { $department }: { $share }% of its { $tables } tables score full ({ $top }% graded 优), against { $batch }% over all units
department-high-scores-hint = far more full marks than the batch: look at it first in the spot checks, for inflated scores
code-goals-copied-across-units = Goals copied from another unit's table
advice-goals-copied-across-units = Two units' tables have the same 年度总体目标 word for word: check whether one copied, and have the unit write its project's own.
code-inconsistent-standard = An indicator's standard far from other units'
advice-inconsistent-standard = Most units measure one 三级指标 in one unit with similar targets; this table is three times off or in another unit: check for a slip or a lowered bar.
code-full-score-missed-target = Full score on a missed target
advice-full-score-missed-target = The actual misses the target (by the indicator's sign) yet the score equals the weight: have the unit score by the share reached and give the reason.
code-full-marks-low-rate = Full marks with 执行率 under 90 %
advice-full-marks-low-rate = A table scores full marks while its budget's 执行率 is under 90 %: check the execution and each score.
code-department-high-scores = A department with far more full marks
advice-department-high-scores = At least half of a department's tables score full, over twice the batch's share: look at it first in the spot checks.
review-category-other = Other
review-batch = All units
review-band = { $low }–{ $high }
review-band-full = Full marks
sample-size-invalid = "{ $value }" is no sample size: give a count of units (10) or a share (10%)
sample-reason-amount = large budget ({ $amount })
sample-reason-quality = low quality score ({ $quality })
sample-reason-flags = review flags: { $flags }
sample-reason-errors = { $count ->
    [one] one error
   *[other] { $count } errors
}
sample-reason-random = drawn at random within its department
rubric-hint = see the built-in rubric for its keys (full, [[category]] with name/each/cap/codes, [other])
review-col-self-mean = Mean self score
review-col-review-mean = Mean review score
review-sheet-tables = Tables
review-col-project = Project
review-col-self-score = Self score
review-col-review-score = Review score
review-col-gap = Gap
review-col-grade = Grade
review-col-rate = Rate
review-col-amount = Budget
review-col-findings = Findings
review-col-hint = Hint
review-sheet-sample = Sample
review-col-weight = Risk weight
review-col-reasons = Why drawn
review-sample-seed = { $count } units drawn with seed { $seed } (--seed { $seed } draws the same)
review-sheet-stats = Statistics
review-col-band = Total band
review-col-units = Units
review-grade-none = No grade
review-col-top-share = Share of 优
review-col-full-share = Share of full marks
review-department-none = (no department)
review-col-rate-pct = Rate (%)
review-chart-totals = Totals
review-chart-grades = Grades per department
review-chart-rates = Rate against self score
review-col-each = Per finding
review-col-cap = At most
review-col-codes = Problems
review-rule-other = Other findings (an error { $error }, a warning { $warning }, a note { $note })
feedback-sheet-summary = Summary
feedback-title = Review feedback for { $unit }
feedback-table = { $project }: self score { $self_score }, review score { $review_score }
html-lang = en
review-title = Review of the self-evaluations
review-lead = { $units } units, { $tables } tables ({ $unreadable } unreadable)
review-none = None
progress-workbooks = workbooks
html-failed = cannot write the page: { $error }
circular-bureau-blank = (bureau)
circular-copied = { $count } tables have the indicators of another unit's table word for word.
circular-goals = { $count } goal texts are another unit's word for word.
circular-standards = { $count } indicators are measured against a standard far from other units' for the same indicator.
review-shown = the first { $shown } of { $total }; review.xlsx lists them all
page-review-title = Review many units
page-review-lead = Upload many units' workbooks at once (or zips of them): each table is checked as the bureau checks it, with the findings across units, a sample, charts and a draft circular.
page-review-files = The units' workbooks or zips
page-review-files-help = Several at once; each file at most { $max }, at most { $files } workbooks and { $total } in all.
page-review-sample = Sample (optional)
page-review-sample-help = A count of units (10) or a share (10%), stratified by department, weighted toward risk.
page-review-bureau = The bureau that signs the circular (optional)
page-review-button = Upload and review
page-review-hint = upload .xlsx, .xls or .ods workbooks, or zips of them
page-review-too-many = at most { $max } workbooks a review; upload them in batches
page-review-none = no workbook arrived: choose at least one file
page-review-done-title = Review
page-review-zip = Download everything (review.zip)
page-review-figures = Overall
page-review-link = Review many units' workbooks →
