package dev.arbiter.rules;

import dev.arbiter.decision.Outcome;
import dev.arbiter.security.Caller;
import dev.arbiter.security.Role;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's Rules screens: versions with their history, a version's files, the diff of two
 * versions, editing a draft in the browser (each save a new stored version, compiled at once),
 * golden cases, backtest, approval, activation, shadow and coverage. It calls the same services
 * as {@link RulesetController} and {@link ReportController}, with the same roles.
 */
@Controller
@RequestMapping("/console/rules")
class RulesConsoleController {

    static final String READERS = "hasAnyRole('ANALYST','APPROVER','AUDITOR')";
    static final String ANALYST = "hasRole('ANALYST')";
    static final String APPROVER = "hasRole('APPROVER')";
    static final String COVERAGE_READERS = "hasAnyRole('ANALYST','AUDITOR')";

    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final int CHANGES_LISTED = 200;
    private static final long MAX_TABLE_BYTES = 2_000_000;

    private final RulesetAuthoring authoring;
    private final Backtest backtest;
    private final RuleCoverage coverage;
    private final ShadowLog shadows;
    private final DroolsRuleEvaluator evaluator;
    private final Clock clock;

    RulesConsoleController(
            RulesetAuthoring authoring,
            Backtest backtest,
            RuleCoverage coverage,
            ShadowLog shadows,
            DroolsRuleEvaluator evaluator,
            Clock clock) {
        this.authoring = authoring;
        this.backtest = backtest;
        this.coverage = coverage;
        this.shadows = shadows;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    // ---- versions

    @GetMapping
    @PreAuthorize(READERS)
    String list(Caller caller, Model model) {
        List<RulesetVersion> versions = new ArrayList<>(authoring.list());
        versions.sort(Comparator.comparing(RulesetVersion::createdAt).reversed());
        List<Activation> activations = new ArrayList<>(authoring.activations());
        activations.sort(Comparator.comparingLong(Activation::sequence).reversed());
        model.addAttribute("versions", versions);
        model.addAttribute("activations", activations);
        model.addAttribute(
                "challenger",
                authoring.shadowRuleset().map(CompiledRuleset::version).orElse(null));
        model.addAttribute("active", activeVersion().orElse(null));
        roles(caller, model);
        return "console/rules/list";
    }

    @GetMapping("/versions/{version}")
    @PreAuthorize(READERS)
    String version(
            Caller caller, @PathVariable String version, @RequestParam(required = false) String file, Model model) {
        RulesetVersion meta = require(version);
        Ruleset files = authoring.files(meta.version());
        List<FileRow> rows = files.paths().stream()
                .map(p -> new FileRow(p, files.content(p).length, text(files.content(p)) != null, kind(p)))
                .toList();
        model.addAttribute("v", meta);
        model.addAttribute("files", rows);
        model.addAttribute("rules", authoring.checked(meta.version()).compiled().rules());
        if (file != null && files.contains(file)) {
            model.addAttribute("file", file);
            model.addAttribute("fileText", text(files.content(file)));
        }
        model.addAttribute("active", activeVersion().orElse(null));
        model.addAttribute(
                "challenger",
                authoring.shadowRuleset().map(CompiledRuleset::version).orElse(null));
        model.addAttribute(
                "others",
                authoring.list().stream()
                        .filter(o -> !o.version().equals(meta.version()))
                        .sorted(Comparator.comparing(RulesetVersion::createdAt).reversed())
                        .toList());
        Period week = Period.lastWeek(clock);
        model.addAttribute("weekFrom", week.fromDate());
        model.addAttribute("weekTo", week.toDate());
        roles(caller, model);
        return "console/rules/version";
    }

    record FileRow(String path, int bytes, boolean text, String kind) {}

    @GetMapping("/versions/{version}/download")
    @PreAuthorize(READERS)
    ResponseEntity<byte[]> download(@PathVariable String version, @RequestParam String path) {
        RulesetVersion meta = require(version);
        Ruleset files = authoring.files(meta.version());
        if (!files.contains(path)) {
            return ResponseEntity.notFound().build();
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        MediaType type = name.toLowerCase(Locale.ROOT).endsWith(".xlsx")
                ? MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                : name.toLowerCase(Locale.ROOT).endsWith(".csv")
                        ? MediaType.parseMediaType("text/csv;charset=UTF-8")
                        : text(files.content(path)) != null
                                ? MediaType.parseMediaType("text/plain;charset=UTF-8")
                                : MediaType.APPLICATION_OCTET_STREAM;
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(files.content(path));
    }

    @GetMapping("/diff")
    @PreAuthorize(READERS)
    String diff(@RequestParam String a, @RequestParam String b, Model model) {
        RulesetVersion before = require(a);
        RulesetVersion after = require(b);
        List<FileDiff> files =
                RulesetDiff.between(authoring.files(before.version()), authoring.files(after.version())).stream()
                        .map(c -> new FileDiff(
                                c.path(), c.change().name(), c.unifiedDiff() != null, SideBySide.of(c.unifiedDiff())))
                        .toList();
        model.addAttribute("a", before);
        model.addAttribute("b", after);
        model.addAttribute("files", files);
        return "console/rules/diff";
    }

    record FileDiff(String path, String change, boolean text, List<SideBySide.Row> rows) {}

    // ---- editing: each save stores a new draft derived from the version edited

    @GetMapping("/versions/{version}/edit")
    @PreAuthorize(ANALYST)
    String edit(@PathVariable String version, @RequestParam(required = false) String file, Model model) {
        RulesetVersion meta = require(version);
        Ruleset files = authoring.files(meta.version());
        String path = file != null && files.contains(file) && text(files.content(file)) != null
                ? file
                : files.contains("parameters.json") ? "parameters.json" : firstText(files);
        return editor(meta, files, path, path == null ? "" : text(files.content(path)), List.of(), model);
    }

    @PostMapping("/versions/{version}/edit")
    @PreAuthorize(ANALYST)
    String save(
            Caller caller,
            @PathVariable String version,
            @RequestParam String file,
            @RequestParam(defaultValue = "") String text,
            Model model,
            RedirectAttributes redirect) {
        RulesetVersion meta = require(version);
        Ruleset files = authoring.files(meta.version());
        if (!PATH.matcher(file).matches() || file.contains("..")) {
            model.addAttribute("refusal", "The file name " + file + " is not a relative path such as risk.drl");
            return editor(meta, files, null, text, List.of(), model);
        }
        return store(
                caller,
                meta,
                files,
                file,
                text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8),
                text,
                model,
                redirect);
    }

    @PostMapping("/versions/{version}/tables")
    @PreAuthorize(ANALYST)
    String uploadTable(
            Caller caller,
            @PathVariable String version,
            @RequestParam(required = false) String path,
            @RequestParam("table") MultipartFile table,
            Model model,
            RedirectAttributes redirect)
            throws IOException {
        RulesetVersion meta = require(version);
        Ruleset files = authoring.files(meta.version());
        String name = path == null || path.isBlank() ? table.getOriginalFilename() : path.strip();
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (name == null
                || !PATH.matcher(name).matches()
                || name.contains("..")
                || !DecisionTables.isTable(name)
                || !(lower.endsWith(".csv") || lower.endsWith(".xlsx"))) {
            model.addAttribute(
                    "refusal",
                    "A decision table needs a name ending in .csv or .xlsx, outside cases/ and not reason-codes.csv,"
                            + " such as tables/limits.xlsx");
            return editor(meta, files, "parameters.json", text(files.content("parameters.json")), List.of(), model);
        }
        if (table.isEmpty() || table.getSize() > MAX_TABLE_BYTES) {
            model.addAttribute("refusal", "The table must hold between 1 byte and 2 MB");
            return editor(meta, files, "parameters.json", text(files.content("parameters.json")), List.of(), model);
        }
        return store(caller, meta, files, name, table.getBytes(), null, model, redirect);
    }

    private String store(
            Caller caller,
            RulesetVersion meta,
            Ruleset files,
            String path,
            byte[] content,
            String text,
            Model model,
            RedirectAttributes redirect) {
        Ruleset next = files.with(path, content);
        RulesetAuthoring.Upload upload;
        try {
            upload = authoring.upload(next, meta.version(), caller.actor());
        } catch (RulesetCompilationException e) {
            model.addAttribute(
                    "refusal",
                    "Not saved: the ruleset does not compile (" + e.errors().size() + " error"
                            + (e.errors().size() == 1 ? "" : "s") + "). Nothing was stored.");
            String shown = text != null ? path : "parameters.json";
            String shownText = text != null ? text : text(files.content("parameters.json"));
            return editor(meta, files, shown, shownText, e.errors(), model);
        } catch (IllegalArgumentException e) {
            model.addAttribute("refusal", "Not saved: " + e.getMessage());
            return editor(meta, files, text != null ? path : "parameters.json", text, List.of(), model);
        }
        String saved = upload.version().version();
        redirect.addFlashAttribute(
                "saved",
                upload.created()
                        ? "Saved " + path + " as the new draft " + saved + " (derived from " + meta.version() + ")."
                        : "No change: these files are already version " + saved + ".");
        return "redirect:/console/rules/versions/" + saved + "/edit?file=" + encode(path);
    }

    private String editor(
            RulesetVersion meta, Ruleset files, String path, String text, List<CompileError> errors, Model model) {
        List<String> editable = files.paths().stream()
                .filter(p -> text(files.content(p)) != null)
                .toList();
        model.addAttribute("v", meta);
        model.addAttribute("editable", editable);
        model.addAttribute(
                "tables", files.paths().stream().filter(DecisionTables::isTable).toList());
        model.addAttribute("file", path);
        model.addAttribute("text", text);
        model.addAttribute("mode", path == null ? "text" : mode(path));
        model.addAttribute("errors", errors);
        model.addAttribute(
                "errorLines",
                errors.stream()
                        .filter(e -> e.file().equals(path) && e.line() > 0)
                        .map(e -> String.valueOf(e.line()))
                        .distinct()
                        .reduce((x, y) -> x + "," + y)
                        .orElse(""));
        return "console/rules/edit";
    }

    // ---- golden cases, backtest, coverage

    @GetMapping("/versions/{version}/cases")
    @PreAuthorize(ANALYST)
    String cases(@PathVariable String version, Model model) {
        RulesetVersion meta = require(version);
        RulesetTestReport report = authoring.test(meta.version());
        List<RulesetViews.CaseRun> runs = new ArrayList<>(
                report.results().stream().map(RulesetViews.CaseRun::of).toList());
        runs.sort(Comparator.comparing(RulesetViews.CaseRun::passed).thenComparing(RulesetViews.CaseRun::file));
        model.addAttribute("v", meta);
        model.addAttribute("report", report);
        model.addAttribute("runs", runs);
        return "console/rules/cases";
    }

    @GetMapping("/versions/{version}/backtest")
    @PreAuthorize(ANALYST)
    String backtest(
            @PathVariable String version,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        RulesetVersion meta = require(version);
        model.addAttribute("v", meta);
        Period period;
        try {
            period = Period.of(from, to, clock);
        } catch (IllegalArgumentException e) {
            model.addAttribute("refusal", e.getMessage());
            model.addAttribute("from", from);
            model.addAttribute("to", to);
            return "console/rules/backtest";
        }
        model.addAttribute("from", period.fromDate());
        model.addAttribute("to", period.toDate());
        BacktestReport report =
                backtest.run(authoring.checked(meta.version()).compiled(), period.from(), period.to(), CHANGES_LISTED);
        model.addAttribute("report", report);
        model.addAttribute("outcomes", Outcome.values());
        model.addAttribute("overall", overall(report));
        List<MatrixRow> matrix = new ArrayList<>();
        for (Outcome recorded : Outcome.values()) {
            var row = report.matrix().getOrDefault(recorded, java.util.Map.of());
            List<Long> cells = new ArrayList<>();
            for (Outcome candidate : Outcome.values()) {
                cells.add(row.getOrDefault(candidate, 0L));
            }
            matrix.add(new MatrixRow(
                    recorded.name(),
                    cells,
                    cells.stream().mapToLong(Long::longValue).sum()));
        }
        model.addAttribute("matrix", matrix);
        return "console/rules/backtest";
    }

    /** Decisions recorded with one outcome, by the outcome the candidate reached (in {@link Outcome} order). */
    record MatrixRow(String recorded, List<Long> cells, long total) {}

    /** Approval rate over all decisions of the report, recorded and under the candidate. */
    record Overall(long decisions, double recorded, double candidate, double delta) {}

    private static Overall overall(BacktestReport report) {
        long approvedRecorded = 0;
        long approvedCandidate = 0;
        for (var row : report.matrix().entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                if (row.getKey() == Outcome.APPROVE) {
                    approvedRecorded += cell.getValue();
                }
                if (cell.getKey() == Outcome.APPROVE) {
                    approvedCandidate += cell.getValue();
                }
            }
        }
        long n = report.decisions();
        double recorded = n == 0 ? 0 : (double) approvedRecorded / n;
        double candidate = n == 0 ? 0 : (double) approvedCandidate / n;
        return new Overall(n, recorded, candidate, candidate - recorded);
    }

    @GetMapping("/coverage")
    @PreAuthorize(COVERAGE_READERS)
    String coverage(
            @RequestParam(required = false) String version,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        String v = version == null || version.isBlank()
                ? evaluator.active().version()
                : require(version).version();
        model.addAttribute("version", v);
        model.addAttribute("versions", authoring.list());
        try {
            Period period = Period.of(from, to, clock);
            model.addAttribute("from", period.fromDate());
            model.addAttribute("to", period.toDate());
            model.addAttribute("report", coverage.of(authoring.checked(v).compiled(), period.from(), period.to()));
        } catch (IllegalArgumentException e) {
            model.addAttribute("refusal", e.getMessage());
            model.addAttribute("from", from);
            model.addAttribute("to", to);
        }
        return "console/rules/coverage";
    }

    // ---- approval, activation, shadow

    @PostMapping("/versions/{version}/approve")
    @PreAuthorize(APPROVER)
    String approve(Caller caller, @PathVariable String version, RedirectAttributes redirect) {
        RulesetVersion meta = require(version);
        try {
            authoring.approve(meta.version(), caller.actor());
            redirect.addFlashAttribute("done", "Approved by " + caller.actor() + ".");
        } catch (RulesetStateException e) {
            redirect.addFlashAttribute("refusal", e.getMessage());
        }
        return "redirect:/console/rules/versions/" + meta.version();
    }

    @GetMapping("/versions/{version}/activate")
    @PreAuthorize(APPROVER)
    String confirmActivation(@PathVariable String version, Model model) {
        RulesetVersion meta = require(version);
        String active = activeVersion().orElse(null);
        model.addAttribute("v", meta);
        model.addAttribute("active", active);
        model.addAttribute(
                "changes",
                active == null
                        ? List.of()
                        : RulesetDiff.between(authoring.files(active), authoring.files(meta.version())));
        model.addAttribute("rollback", meta.status() == RulesetStatus.RETIRED);
        return "console/rules/activate";
    }

    @PostMapping("/versions/{version}/activate")
    @PreAuthorize(APPROVER)
    String activate(Caller caller, @PathVariable String version, RedirectAttributes redirect) {
        RulesetVersion meta = require(version);
        try {
            Activation a = authoring.activate(meta.version(), caller.actor());
            redirect.addFlashAttribute(
                    "done",
                    "Activated by " + a.activatedBy() + ": new decisions are made under " + a.to()
                            + (a.from() == null ? "." : " instead of " + a.from() + "."));
        } catch (RulesetStateException e) {
            redirect.addFlashAttribute("refusal", e.getMessage());
        }
        return "redirect:/console/rules/versions/" + meta.version();
    }

    @PostMapping("/versions/{version}/shadow")
    @PreAuthorize(APPROVER)
    String startShadow(Caller caller, @PathVariable String version, RedirectAttributes redirect) {
        RulesetVersion meta = require(version);
        authoring.startShadow(meta.version(), caller.actor());
        redirect.addFlashAttribute("done", "Version " + meta.version() + " now runs in shadow beside each decision.");
        return "redirect:/console/rules/shadow";
    }

    @PostMapping("/shadow/stop")
    @PreAuthorize(APPROVER)
    String stopShadow(Caller caller, RedirectAttributes redirect) {
        authoring.stopShadow(caller.actor());
        redirect.addFlashAttribute("done", "The shadow challenger is stopped.");
        return "redirect:/console/rules/shadow";
    }

    @GetMapping("/shadow")
    @PreAuthorize(READERS)
    String shadow(
            Caller caller,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        model.addAttribute(
                "challenger",
                authoring.shadowRuleset().map(CompiledRuleset::version).orElse(null));
        roles(caller, model);
        try {
            Period period = Period.of(from, to, clock);
            model.addAttribute("from", period.fromDate());
            model.addAttribute("to", period.toDate());
            List<ShadowLog.Comparison> rows = shadows.compare(period.from(), period.to());
            long total =
                    rows.stream().mapToLong(ShadowLog.Comparison::decisions).sum();
            long agreed = rows.stream()
                    .filter(r -> r.champion().equals(r.challenger()))
                    .mapToLong(ShadowLog.Comparison::decisions)
                    .sum();
            model.addAttribute("rows", rows);
            model.addAttribute("total", total);
            model.addAttribute("agreed", agreed);
        } catch (IllegalArgumentException e) {
            model.addAttribute("refusal", e.getMessage());
            model.addAttribute("from", from);
            model.addAttribute("to", to);
        }
        return "console/rules/shadow";
    }

    // ---- helpers

    private RulesetVersion require(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new RulesetNotFoundException(String.valueOf(version));
        }
        return authoring.require(version);
    }

    private Optional<String> activeVersion() {
        return authoring.list().stream()
                .filter(v -> v.status() == RulesetStatus.ACTIVE)
                .map(RulesetVersion::version)
                .findFirst();
    }

    private static void roles(Caller caller, Model model) {
        model.addAttribute("canAuthor", caller.role() == Role.ANALYST);
        model.addAttribute("canApprove", caller.role() == Role.APPROVER);
    }

    private static String firstText(Ruleset files) {
        return files.paths().stream()
                .filter(p -> text(files.content(p)) != null)
                .findFirst()
                .orElse(null);
    }

    static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException binary) {
            return null;
        }
    }

    private static String kind(String path) {
        if (path.startsWith(Ruleset.CASES_FOLDER + "/")) {
            return "golden case";
        }
        if (path.equals(ReasonCodeTable.FILE)) {
            return "reason codes";
        }
        if (path.equals("parameters.json")) {
            return "parameters";
        }
        if (DecisionTables.isTable(path)) {
            return "decision table";
        }
        return path.endsWith(".drl") ? "rules (DRL)" : "file";
    }

    private static String mode(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".drl") ? "drl" : lower.endsWith(".json") ? "json" : "text";
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Whole UTC days, both included, as the console's date fields give them; last 7 days by default. */
    record Period(LocalDate fromDate, LocalDate toDate) {

        static Period lastWeek(Clock clock) {
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            return new Period(today.minusDays(6), today);
        }

        static Period of(String from, String to, Clock clock) {
            if ((from == null || from.isBlank()) && (to == null || to.isBlank())) {
                return lastWeek(clock);
            }
            LocalDate first = date("from", from);
            LocalDate last = date("to", to);
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("The period ends (" + last + ") before it starts (" + first + ").");
            }
            if (first.plusDays(366).isBefore(last)) {
                throw new IllegalArgumentException("The period may span at most 366 days.");
            }
            return new Period(first, last);
        }

        private static LocalDate date(String name, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Give both dates: " + name + " is missing.");
            }
            try {
                LocalDate date = LocalDate.parse(value);
                if (date.getYear() < 2000 || date.getYear() > 2999) {
                    throw new IllegalArgumentException(name + " must be a date between 2000 and 2999.");
                }
                return date;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " is not a date like 2026-11-30.");
            }
        }

        Instant from() {
            return fromDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        Instant to() {
            return toDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }
}
