package dev.arbiter.rules;

import dev.arbiter.rules.RulesetViews.ActivationView;
import dev.arbiter.rules.RulesetViews.Detail;
import dev.arbiter.rules.RulesetViews.Summary;
import dev.arbiter.rules.RulesetViews.TestRun;
import dev.arbiter.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ruleset versions for analysts: upload, read, compare, test, approve, activate, shadow and backtest. */
@RestController
@RequestMapping(path = "/v1/rulesets", produces = MediaType.APPLICATION_JSON_VALUE)
class RulesetController {

    private static final int DEFAULT_CHANGES = 100;
    private static final int MAX_CHANGES = 10_000;

    private final RulesetAuthoring authoring;
    private final Backtest backtest;

    RulesetController(RulesetAuthoring authoring, Backtest backtest) {
        this.authoring = authoring;
        this.backtest = backtest;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Summary> upload(Caller caller, @Valid @RequestBody RulesetUpload upload) {
        String author = caller.actor();
        Map<String, byte[]> files = new TreeMap<>();
        upload.files()
                .forEach((path, text) ->
                        files.put(path, text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8)));
        if (upload.binaryFiles() != null) {
            upload.binaryFiles().forEach((path, base64) -> files.put(path, decode(path, base64)));
        }
        return store(files, upload.parent(), author);
    }

    private ResponseEntity<Summary> store(Map<String, byte[]> files, String parent, String author) {
        Ruleset ruleset;
        try {
            ruleset = Ruleset.of(files);
        } catch (IllegalArgumentException e) {
            throw new RulesetProblemHandler.InvalidParameterException(
                    "files",
                    e.getMessage(),
                    "relative paths such as risk.drl or cases/deny-under-age.json, without ..");
        }
        var result = authoring.upload(ruleset, parent, author);
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/v1/rulesets/" + result.version().version()))
                .body(Summary.of(result.version()));
    }

    @GetMapping
    List<Summary> list() {
        return authoring.list().stream().map(Summary::of).toList();
    }

    @GetMapping("/activations")
    List<ActivationView> activations() {
        return authoring.activations().stream().map(ActivationView::of).toList();
    }

    @GetMapping("/{version}")
    Detail find(@PathVariable String version) {
        String v = RequestParameters.version("version", version);
        var meta = authoring.require(v);
        return Detail.of(
                meta, authoring.files(v), authoring.checked(v).compiled().rules());
    }

    record DiffView(String from, String to, List<RulesetDiff.FileChange> files) {}

    @GetMapping("/{a}/diff/{b}")
    DiffView diff(@PathVariable String a, @PathVariable String b) {
        Ruleset before = authoring.files(RequestParameters.version("a", a));
        Ruleset after = authoring.files(RequestParameters.version("b", b));
        return new DiffView(a, b, RulesetDiff.between(before, after));
    }

    @PostMapping("/{version}/test")
    TestRun test(@PathVariable String version) {
        return TestRun.of(authoring.test(RequestParameters.version("version", version)));
    }

    @PostMapping("/{version}/approve")
    Summary approve(Caller caller, @PathVariable String version) {
        String by = caller.actor();
        return Summary.of(authoring.approve(RequestParameters.version("version", version), by));
    }

    @PostMapping("/{version}/activate")
    ActivationView activate(Caller caller, @PathVariable String version) {
        String by = caller.actor();
        return ActivationView.of(authoring.activate(RequestParameters.version("version", version), by));
    }

    record ShadowView(String challenger, String setBy) {}

    @PostMapping("/{version}/shadow")
    ShadowView shadow(Caller caller, @PathVariable String version) {
        String by = caller.actor();
        String v = RequestParameters.version("version", version);
        authoring.require(v);
        authoring.startShadow(v, by);
        return new ShadowView(v, by);
    }

    @DeleteMapping("/shadow")
    ResponseEntity<Void> stopShadow(Caller caller) {
        authoring.stopShadow(caller.actor());
        return ResponseEntity.noContent().build();
    }

    record SimulationView(BacktestReport report, List<String> changedLinks, long elapsedMillis) {}

    @PostMapping("/{version}/simulate")
    SimulationView simulate(
            @PathVariable String version,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer changes) {
        String v = RequestParameters.version("version", version);
        RequestParameters.Period period = RequestParameters.period(from, to);
        int limit = changes == null ? DEFAULT_CHANGES : changes;
        if (limit < 0 || limit > MAX_CHANGES) {
            throw new RulesetProblemHandler.InvalidParameterException(
                    "changes", "is out of range", "0 to " + MAX_CHANGES + " changed decisions listed");
        }
        authoring.require(v);
        long started = System.nanoTime();
        BacktestReport report = backtest.run(authoring.checked(v).compiled(), period.from(), period.to(), limit);
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        List<String> links = report.changes().stream()
                .map(c -> "/v1/decisions/" + c.decisionId())
                .toList();
        return new SimulationView(report, links, elapsed);
    }

    private static byte[] decode(String path, String base64) {
        try {
            return Base64.getDecoder().decode(base64 == null ? "" : base64);
        } catch (IllegalArgumentException e) {
            throw new RulesetProblemHandler.InvalidParameterException(
                    "binaryFiles." + path, "is not base64", "the file's bytes in standard base64");
        }
    }
}
