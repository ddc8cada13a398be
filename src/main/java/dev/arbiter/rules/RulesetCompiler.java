package dev.arbiter.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Compiles a {@link Ruleset} whole or not at all. Beyond what Drools checks, every rule must
 * carry a {@code @ruleCode} its name starts with, every reason code a rule names (in
 * metadata or in a call such as {@code deny("R-DTI")}) must be in {@code reason-codes.csv},
 * and every parameter path and risk band a rule reads must be in {@code parameters.json}.
 * Before any of it reaches Drools, every file must be in the rule language ({@link RuleSandbox}).
 * All errors are collected before {@link RulesetCompilationException} is thrown.
 */
public final class RulesetCompiler {

    static final String RULE_CODE = "ruleCode";
    static final String REASON_CODE = "reasonCode";

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");
    private static final Pattern CODE_CALL =
            Pattern.compile("\\b(?:knockOut|deny|refer|reason)\\s*\\(\\s*\"([^\"]*)\"");
    private static final Pattern PARAMETER_CALL = Pattern.compile("\\.(?:num|count|amount)\\s*\\(\\s*\"([^\"]*)\"");
    private static final Pattern BAND_CALL = Pattern.compile("\\.band\\s*\\(\\s*\"([^\"]*)\"");
    /** Drools puts a column only in the text: "Line 4:5" from the parser, "[Line: 4, Column: 2]" from MVEL. */
    private static final Pattern POSITION = Pattern.compile("Line:? (\\d+)(?::|, Column: )(\\d+)");

    private static final String NULL_PACKAGE = "Parser returned a null Package";

    private static final AtomicLong BUILDS = new AtomicLong();

    public CompiledRuleset compile(Ruleset ruleset) {
        List<CompileError> errors = new ArrayList<>();
        ReasonCodeTable reasons = reasonCodes(ruleset, errors);
        Parameters parameters = parameters(ruleset, errors);
        List<String> drlFiles =
                ruleset.paths().stream().filter(p -> p.endsWith(".drl")).toList();
        List<String> tables =
                ruleset.paths().stream().filter(DecisionTables::isTable).toList();
        if (drlFiles.isEmpty() && tables.isEmpty()) {
            errors.add(new CompileError("", 0, 0, "the ruleset has no .drl file and no decision table"));
        }
        Map<String, String> sources = new HashMap<>();
        drlFiles.forEach(p -> sources.put(p, new String(ruleset.content(p), StandardCharsets.UTF_8)));
        // a table's rules are checked as the DRL it generates; positions in the DRL then refer to that text
        tables.forEach(p -> DecisionTables.toDrl(p, ruleset.content(p), errors).ifPresent(drl -> sources.put(p, drl)));
        sources.forEach((file, text) -> checkCalls(file, text, reasons, parameters, errors));
        // Nothing reaches Drools unless all of it is in the rule language: compiling alone can run code.
        List<CompileError> offences = new ArrayList<>();
        sources.forEach((file, text) -> offences.addAll(
                tables.contains(file)
                        ? DecisionTables.inTable(file, ruleset.content(file), text, RuleSandbox.check(file, text))
                        : RuleSandbox.check(file, text)));
        errors.addAll(offences);

        KieBase kieBase =
                sources.isEmpty() || !offences.isEmpty() || errors.stream().anyMatch(e -> tables.contains(e.file()))
                        ? null
                        : build(ruleset.version(), sources, errors);
        if (kieBase != null) {
            checkRules(kieBase, sources, reasons, errors);
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(CompileError::file)
                    .thenComparingInt(CompileError::line)
                    .thenComparingInt(CompileError::column));
            throw new RulesetCompilationException(ruleset.version(), errors);
        }
        return new CompiledRuleset(ruleset.version(), kieBase, reasons, parameters);
    }

    private static ReasonCodeTable reasonCodes(Ruleset ruleset, List<CompileError> errors) {
        if (!ruleset.contains(ReasonCodeTable.FILE)) {
            errors.add(new CompileError(ReasonCodeTable.FILE, 0, 0, "the ruleset has no reason-code table"));
            return null;
        }
        try {
            return ReasonCodeTable.parse(ruleset.content(ReasonCodeTable.FILE));
        } catch (ReasonCodeTable.Malformed e) {
            errors.add(new CompileError(ReasonCodeTable.FILE, e.line, 0, e.getMessage()));
            return null;
        }
    }

    private static Parameters parameters(Ruleset ruleset, List<CompileError> errors) {
        if (!ruleset.contains(Parameters.FILE)) {
            errors.add(new CompileError(Parameters.FILE, 0, 0, "the ruleset has no parameters file"));
            return null;
        }
        try {
            return Parameters.parse(ruleset.content(Parameters.FILE));
        } catch (IllegalArgumentException e) {
            errors.add(new CompileError(Parameters.FILE, 0, 0, e.getMessage()));
            return null;
        }
    }

    /** Reason codes and parameter paths written as literals in rule text must exist. */
    private static void checkCalls(
            String file, String text, ReasonCodeTable reasons, Parameters parameters, List<CompileError> errors) {
        if (reasons != null) {
            forEachMatch(CODE_CALL, text, (code, line, column) -> {
                if (!reasons.has(code)) {
                    errors.add(new CompileError(
                            file,
                            line,
                            column,
                            "reason code " + code + " in rule \"" + ruleAt(text, line) + "\" is not in "
                                    + ReasonCodeTable.FILE));
                }
            });
        }
        if (parameters != null) {
            forEachMatch(PARAMETER_CALL, text, (path, line, column) -> {
                if (!parameters.hasNumber(path)) {
                    errors.add(new CompileError(
                            file,
                            line,
                            column,
                            "parameter " + path + " in rule \"" + ruleAt(text, line) + "\" is not a number in "
                                    + Parameters.FILE));
                }
            });
            forEachMatch(BAND_CALL, text, (band, line, column) -> {
                if (!parameters.bandNames().contains(band)) {
                    errors.add(new CompileError(
                            file,
                            line,
                            column,
                            "risk band " + band + " in rule \"" + ruleAt(text, line) + "\" is not in "
                                    + Parameters.FILE));
                }
            });
        }
    }

    private static KieBase build(String version, Map<String, String> sources, List<CompileError> errors) {
        KieServices kie = KieServices.get();
        KieFileSystem fs = kie.newKieFileSystem();
        ReleaseId releaseId = kie.newReleaseId(
                "dev.arbiter.rules", "ruleset-" + version.substring(0, 16), "1.0." + BUILDS.incrementAndGet());
        fs.generateAndWritePomXML(releaseId);
        Map<String, String> byResourcePath = new HashMap<>();
        sources.forEach((file, text) -> {
            String resource = resourcePath(file, text);
            byResourcePath.put(resource, file);
            fs.write("src/main/resources/" + resource, text);
        });
        try {
            KieBuilder builder;
            try {
                builder = kie.newKieBuilder(fs).buildAll();
            } catch (RuntimeException crash) {
                isolate(version, sources, errors, crash);
                return null;
            }
            List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
            if (messages.isEmpty()) {
                return kie.newKieContainer(releaseId).getKieBase();
            }
            for (Message message : messages) {
                String file = message.getPath() == null
                        ? ""
                        : byResourcePath.getOrDefault(message.getPath(), message.getPath());
                String text = message.getText() == null ? "" : message.getText().trim();
                boolean redundant = text.equals(NULL_PACKAGE)
                        && messages.stream()
                                .anyMatch(other -> other != message
                                        && message.getPath() != null
                                        && message.getPath().equals(other.getPath()));
                if (!redundant) {
                    errors.add(new CompileError(file, message.getLine(), column(text, message.getLine()), text));
                }
            }
            return null;
        } finally {
            // Every build lands in the shared KieRepository; keep only the KieBase we took.
            kie.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * Some malformed input (a broken {@code modify} block, for one) makes Drools throw instead of
     * reporting an error. Building each file alone then finds the file to blame; the errors of
     * the files that build alone are reported as usual.
     */
    private static void isolate(
            String version, Map<String, String> sources, List<CompileError> errors, RuntimeException crash) {
        if (sources.size() == 1) {
            String file = sources.keySet().iterator().next();
            errors.add(new CompileError(
                    file,
                    0,
                    0,
                    "Drools could not compile this file (" + rootCause(crash)
                            + "); look for a malformed expression or modify block"));
            return;
        }
        sources.forEach((file, text) -> build(version, Map.of(file, text), errors));
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Files go under their DRL package's folder, as Drools expects, keeping their ruleset path below it. */
    private static String resourcePath(String file, String text) {
        Matcher pkg = PACKAGE.matcher(text);
        // flattened: Drools warns about every file whose folder is not its package
        String flat = file.replace("/", "__");
        String drl = flat.endsWith(".drl") ? flat : flat + ".drl";
        return pkg.find() ? pkg.group(1).replace('.', '/') + "/" + drl : drl;
    }

    private static int column(String text, int line) {
        Matcher m = POSITION.matcher(text);
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == line) {
                return Integer.parseInt(m.group(2)) + 1;
            }
        }
        return 0;
    }

    /** Every rule names its code, its name starts with it, no two rules share one, and its reason code exists. */
    private static void checkRules(
            KieBase kieBase, Map<String, String> sources, ReasonCodeTable reasons, List<CompileError> errors) {
        Map<String, String> seenCodes = new HashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Position at = find(rule.getName(), sources);
                Object ruleCode = rule.getMetaData().get(RULE_CODE);
                Object reasonCode = rule.getMetaData().get(REASON_CODE);
                if (!(ruleCode instanceof String code) || code.isBlank()) {
                    errors.add(at.error("rule \"" + rule.getName() + "\" has no @" + RULE_CODE));
                } else {
                    if (!rule.getName().startsWith(code + " ")) {
                        errors.add(at.error("rule \"" + rule.getName() + "\" must start with its rule code " + code));
                    }
                    String other = seenCodes.putIfAbsent(code, rule.getName());
                    if (other != null) {
                        errors.add(at.error(
                                "rule code " + code + " is used by \"" + other + "\" and \"" + rule.getName() + "\""));
                    }
                }
                if (reasonCode != null && reasons != null && !reasons.has(reasonCode.toString())) {
                    errors.add(at.error("reason code " + reasonCode + " of rule \"" + rule.getName() + "\" is not in "
                            + ReasonCodeTable.FILE));
                }
            }
        }
    }

    private record Position(String file, int line) {
        CompileError error(String message) {
            return new CompileError(file, line, 0, message);
        }
    }

    private static Position find(String ruleName, Map<String, String> sources) {
        for (var source : sources.entrySet()) {
            Matcher m = RULE.matcher(source.getValue());
            while (m.find()) {
                if (m.group(1).equals(ruleName)) {
                    return new Position(source.getKey(), lineOf(source.getValue(), m.start(1)));
                }
            }
        }
        return new Position("", 0);
    }

    private static String ruleAt(String text, int line) {
        String name = "(outside any rule)";
        Matcher m = RULE.matcher(text);
        while (m.find() && lineOf(text, m.start(1)) <= line) {
            name = m.group(1);
        }
        return name;
    }

    private interface MatchHandler {
        void accept(String value, int line, int column);
    }

    private static void forEachMatch(Pattern pattern, String text, MatchHandler handler) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int line = lineOf(text, m.start(1));
            int column = m.start(1) - text.lastIndexOf('\n', m.start(1) - 1);
            handler.accept(m.group(1), line, column);
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
