package dev.arbiter.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.drools.drl.parser.antlr4.JavaLexer;

/**
 * Checks an analyst's DRL against {@link RuleLanguage} before anything compiles it. DRL is
 * Java: a constraint, a consequence, an annotation value, a salience expression or a declared
 * field's initializer runs with the server's rights, some already while Drools compiles. So
 * the text is parsed here with Drools' own DRL parser (the one KieBuilder will use), every
 * descriptor is walked, expressions and consequences are parsed as Java and accepted only in
 * the allowed forms, and every offence is reported with its position and what is allowed.
 */
final class RuleSandbox {

    private RuleSandbox() {}

    /** Every offence in one DRL text; empty when the text is in the rule language. */
    static List<CompileError> check(String file, String text) {
        Offences offences = new Offences(file, text);
        unicodeEscapes(text, offences);
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException e) {
            offences.at(e.getLineNumber(), e.getColumn(), "cannot read the file: " + e.getMessage());
            return offences.errors;
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError error : parser.getErrors()) {
                int[] lines = error.getLines();
                int column = error instanceof ParserError p ? p.getCol() + 1 : 0;
                offences.at(lines.length > 0 ? lines[0] : 0, column, error.getMessage());
            }
            if (offences.errors.isEmpty()) {
                offences.at(1, 1, "cannot read the file as DRL");
            }
            return offences.errors;
        }
        new Walk(offences).pkg(pkg);
        return offences.errors;
    }

    /**
     * Java turns backslash-u escapes into characters before it reads anything else, inside
     * comments and strings too, so one could close a string or a comment unseen by any parser
     * here. None is allowed anywhere; write the character itself (files are UTF-8).
     */
    private static void unicodeEscapes(String text, Offences offences) {
        for (int i = text.indexOf('\\'); i >= 0 && i + 1 < text.length(); i = text.indexOf('\\', i + 1)) {
            if (text.charAt(i + 1) == 'u') {
                offences.add(
                        i,
                        "unicode escapes (\\u...) are refused everywhere, in strings and comments too, because "
                                + "Java decodes them before parsing; write the character itself");
            }
        }
    }

    /** Offences as compile errors, turning offsets in the file text into 1-based lines and columns. */
    static final class Offences implements RuleExpressions.Offences {
        final String file;
        final String text;
        final List<CompileError> errors = new ArrayList<>();

        Offences(String file, String text) {
            this.file = file;
            this.text = text;
        }

        @Override
        public void add(int offset, String message) {
            int bounded = Math.max(0, Math.min(offset, text.length()));
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bounded; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            errors.add(new CompileError(file, line, bounded - lineStart + 1, message));
        }

        @Override
        public int count() {
            return errors.size();
        }

        void at(int line, int column, String message) {
            errors.add(new CompileError(file, Math.max(line, 0), Math.max(column, 0), message));
        }

        /** The file offset of a descriptor, from its start character or else its line and column. */
        int offset(BaseDescr descr, int fallback) {
            if (descr != null && descr.getStartCharacter() >= 0) {
                return descr.getStartCharacter();
            }
            if (descr != null && descr.getLine() > 0) {
                int offset = 0;
                for (int line = 1; line < descr.getLine() && offset >= 0; line++) {
                    offset = text.indexOf('\n', offset) + 1;
                }
                return Math.max(offset, 0) + Math.max(descr.getColumn(), 0);
            }
            return fallback;
        }
    }

    private static final class Walk {
        private final Offences offences;

        Walk(Offences offences) {
            this.offences = offences;
        }

        private void refuse(BaseDescr where, int fallback, String message) {
            offences.add(offences.offset(where, fallback), message);
        }

        void pkg(PackageDescr pkg) {
            if (!RuleLanguage.PACKAGE.equals(pkg.getName())) {
                refuse(
                        null,
                        0,
                        "the package is \"" + pkg.getName() + "\"; every rule file declares package "
                                + RuleLanguage.PACKAGE + ";");
            }
            for (ImportDescr imported : pkg.getImports()) {
                if (!RuleLanguage.importable(imported.getTarget())) {
                    refuse(
                            imported,
                            0,
                            "import " + imported.getTarget() + " is not a fact or value type; importable: "
                                    + String.join(
                                            ", ",
                                            RuleLanguage.TYPES.values().stream()
                                                    .map(Class::getName)
                                                    .sorted()
                                                    .toList()));
                }
            }
            pkg.getFunctionImports()
                    .forEach(d -> refuse(
                            d,
                            0,
                            "import function/static brings code into rules; "
                                    + "rules may call only the read accessors of the fact types"));
            pkg.getAccumulateImports()
                    .forEach(d -> refuse(
                            d,
                            0,
                            "import accumulate adds custom code; accumulate " + "may use only "
                                    + String.join(", ", RuleLanguage.ACCUMULATE_FUNCTIONS)));
            pkg.getFunctions()
                    .forEach(
                            d -> refuse(
                                    d,
                                    0,
                                    "function " + d.getName() + " is Java code; functions are "
                                            + "not in the rule language (ask for a Parameters or VerdictBuilder method instead)"));
            pkg.getGlobals()
                    .forEach(d -> refuse(
                            d,
                            0,
                            "global " + d.getIdentifier() + " is refused; rules see " + "only the facts "
                                    + RuleLanguage.factNames()));
            pkg.getTypeDeclarations()
                    .forEach(d -> refuse(
                            d,
                            0,
                            "declare " + d.getTypeName() + " is refused; rules " + "match only "
                                    + RuleLanguage.factNames()));
            pkg.getEnumDeclarations().forEach(d -> refuse(d, 0, "declare enum " + d.getTypeName() + " is refused"));
            pkg.getEntryPointDeclarations().forEach(d -> refuse(d, 0, "entry-point declarations are refused"));
            pkg.getWindowDeclarations().forEach(d -> refuse(d, 0, "window declarations are refused"));
            if (pkg.getUnit() != null) {
                refuse(
                        pkg.getUnit(),
                        0,
                        "unit " + pkg.getUnit().getTarget() + " is refused; rules match facts, not rule units");
            }
            for (AttributeDescr attribute : pkg.getAttributes()) {
                refuse(
                        attribute,
                        0,
                        "package attribute " + attribute.getName() + " is refused; set "
                                + String.join(
                                        ", ",
                                        RuleLanguage.ATTRIBUTES.keySet().stream()
                                                .sorted()
                                                .toList()) + " on each rule");
            }
            for (RuleDescr rule : pkg.getRules()) {
                rule(rule);
            }
        }

        private void rule(RuleDescr rule) {
            int ruleAt = offences.offset(rule, 0);
            if (rule instanceof QueryDescr) {
                refuse(rule, ruleAt, "query " + rule.getName() + " is refused; only rules are in the rule language");
            }
            for (Map.Entry<String, AttributeDescr> entry : rule.getAttributes().entrySet()) {
                attribute(entry.getKey(), entry.getValue(), ruleAt);
            }
            for (AnnotationDescr annotation : rule.getAnnotations()) {
                annotation(annotation, ruleAt);
            }
            if (!rule.getNamedConsequences().isEmpty()) {
                refuse(rule, ruleAt, "named consequences (then[name]) are refused; a rule has one consequence");
            }
            Map<String, String> bindings = new HashMap<>();
            collectBindings(rule.getLhs(), bindings);
            lhs(rule.getLhs(), bindings, ruleAt);
            if (rule instanceof QueryDescr) {
                return;
            }
            String consequence =
                    rule.getConsequence() == null ? "" : rule.getConsequence().toString();
            int at = consequenceOffset(rule, consequence, ruleAt);
            RuleExpressions.checkConsequence(consequence, at, new RuleExpressions.Scope(bindings, false), offences);
        }

        private int consequenceOffset(RuleDescr rule, String consequence, int ruleAt) {
            int found = consequence.isEmpty() ? -1 : offences.text.indexOf(consequence, ruleAt);
            if (found >= 0) {
                return found;
            }
            return offences.offset(null, ruleAt);
        }

        private void attribute(String name, AttributeDescr attribute, int ruleAt) {
            String value =
                    attribute.getValue() == null ? "" : attribute.getValue().strip();
            String wanted = RuleLanguage.ATTRIBUTES.get(name);
            if (wanted == null) {
                refuse(
                        attribute,
                        ruleAt,
                        "attribute " + name + " is refused; allowed: "
                                + String.join(
                                        ", ",
                                        RuleLanguage.ATTRIBUTES.keySet().stream()
                                                .sorted()
                                                .toList()));
                return;
            }
            boolean ok = switch (name) {
                case "salience" -> value.matches("-?\\d{1,9}");
                case "dialect" -> value.equals("java");
                case "no-loop", "lock-on-active", "auto-focus" ->
                    attribute.getType() == AttributeDescr.Type.BOOLEAN || value.equals("true") || value.equals("false");
                default -> attribute.getType() == AttributeDescr.Type.STRING;
            };
            if (!ok) {
                refuse(
                        attribute,
                        ruleAt,
                        name + " \"" + value + "\" is refused; " + name + " takes " + wanted
                                + (name.equals("dialect") ? " (the MVEL dialect is not in the rule language)" : ""));
            }
        }

        /** Drools evaluates an annotation's value as MVEL while compiling: only string literals pass. */
        private void annotation(AnnotationDescr annotation, int ruleAt) {
            if (!RuleLanguage.ANNOTATIONS.contains(annotation.getName())) {
                refuse(
                        annotation,
                        ruleAt,
                        "annotation @" + annotation.getName() + " is refused; allowed: @"
                                + String.join(
                                        ", @",
                                        RuleLanguage.ANNOTATIONS.stream()
                                                .sorted()
                                                .toList()));
                return;
            }
            Map<String, Object> values = annotation.getValueMap();
            boolean literal = values.size() == 1
                    && values.containsKey("value")
                    && isStringLiteral(String.valueOf(values.get("value")));
            if (!literal) {
                refuse(
                        annotation,
                        ruleAt,
                        "@" + annotation.getName() + " takes one \"double-quoted string\", e.g. @"
                                + annotation.getName() + "(\"R-DTI\")");
            }
        }

        private static boolean isStringLiteral(String value) {
            JavaLexer lexer = new JavaLexer(CharStreams.fromString(value));
            lexer.removeErrorListeners();
            List<? extends Token> tokens = lexer.getAllTokens().stream()
                    .filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL)
                    .toList();
            return tokens.size() == 1
                    && tokens.get(0).getType() == JavaLexer.STRING_LITERAL
                    && tokens.get(0).getText().equals(value.strip());
        }

        /** Bindings first, so constraints and the consequence can refer to any variable of the rule. */
        private static void collectBindings(BaseDescr descr, Map<String, String> bindings) {
            if (descr instanceof PatternDescr pattern) {
                if (pattern.getIdentifier() != null) {
                    bindings.put(pattern.getIdentifier(), simple(pattern.getObjectType()));
                }
                for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                    if (constraint instanceof ExprConstraintDescr expr) {
                        ConstraintConnectiveDescr parsed = parseConstraint(expr.getExpression());
                        if (parsed != null) {
                            collectInline(parsed, bindings);
                        }
                    } else if (constraint instanceof BindingDescr binding) {
                        bindings.put(binding.getVariable(), "");
                    }
                }
                if (pattern.getSource() instanceof AccumulateDescr accumulate) {
                    accumulate.getFunctions().stream()
                            .filter(f -> f.getBind() != null)
                            .forEach(f -> bindings.put(f.getBind(), ""));
                    collectBindings(accumulate.getInput(), bindings);
                }
            } else if (descr instanceof org.drools.drl.ast.descr.ConditionalElementDescr element) {
                for (Object child : element.getDescrs()) {
                    if (child instanceof BaseDescr b) {
                        collectBindings(b, bindings);
                    }
                }
            }
        }

        private static void collectInline(BaseDescr descr, Map<String, String> bindings) {
            if (descr instanceof BindingDescr binding) {
                bindings.put(binding.getVariable(), "");
            } else if (descr instanceof ConstraintConnectiveDescr connective) {
                connective.getDescrs().forEach(d -> collectInline(d, bindings));
            } else if (descr instanceof RelationalExprDescr relation) {
                collectInline(relation.getLeft(), bindings);
                collectInline(relation.getRight(), bindings);
            }
        }

        private void lhs(BaseDescr descr, Map<String, String> bindings, int ruleAt) {
            if (descr instanceof AndDescr
                    || descr instanceof OrDescr
                    || descr instanceof NotDescr
                    || descr instanceof ExistsDescr
                    || descr instanceof ForallDescr) {
                for (Object child : ((org.drools.drl.ast.descr.ConditionalElementDescr) descr).getDescrs()) {
                    lhs((BaseDescr) child, bindings, ruleAt);
                }
            } else if (descr instanceof PatternDescr pattern) {
                pattern(pattern, bindings, ruleAt);
            } else if (descr instanceof EvalDescr eval) {
                String content =
                        eval.getContent() == null ? "" : eval.getContent().toString();
                int at = offences.offset(eval, ruleAt);
                int inside = offences.text.indexOf(content, at);
                RuleExpressions.check(
                        content, inside >= 0 ? inside : at, new RuleExpressions.Scope(bindings, false), offences);
            } else if (descr != null) {
                refuse(
                        descr,
                        ruleAt,
                        descr.getClass().getSimpleName().replace("Descr", "")
                                + " is not in the rule language; conditions are patterns joined by and, or, not, exists, forall, eval");
            }
        }

        private void pattern(PatternDescr pattern, Map<String, String> bindings, int ruleAt) {
            int at = offences.offset(pattern, ruleAt);
            String type = simple(pattern.getObjectType());
            boolean accumulated = pattern.getSource() instanceof AccumulateDescr;
            boolean allowedType = RuleLanguage.isType(pattern.getObjectType())
                    || accumulated && (RuleLanguage.ACCUMULATE_RESULTS.contains(type) || type.equals("Object"));
            if (!allowedType) {
                refuse(
                        pattern,
                        at,
                        "pattern type " + pattern.getObjectType() + " is not a fact or value type; rules match "
                                + RuleLanguage.factNames() + " and the value types they expose");
            }
            if (pattern.isQuery()) {
                refuse(pattern, at, "query calls are refused");
            }
            if (!pattern.getAnnotations().isEmpty() || !pattern.getBehaviors().isEmpty()) {
                refuse(pattern, at, "pattern annotations and windows (over window:...) are refused");
            }
            for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expr) {
                    constraint(expr, bindings, at);
                } else if (constraint instanceof BindingDescr binding) {
                    RuleExpressions.check(
                            binding.getExpression(),
                            offences.offset(binding, at),
                            new RuleExpressions.Scope(bindings, true),
                            offences);
                } else {
                    refuse(constraint, at, "\"" + constraint + "\" is not a constraint of the rule language");
                }
            }
            if (pattern.getSource() != null) {
                source(pattern, bindings, at);
            }
        }

        private void source(PatternDescr pattern, Map<String, String> bindings, int at) {
            BaseDescr source = pattern.getSource();
            if (source instanceof FromDescr from) {
                String expression =
                        from.getDataSource() == null ? "" : from.getDataSource().toString();
                int inside = offences.text.indexOf(expression, at);
                RuleExpressions.check(
                        expression, inside >= 0 ? inside : at, new RuleExpressions.Scope(bindings, false), offences);
            } else if (source instanceof AccumulateDescr accumulate) {
                int accAt = offences.offset(accumulate, at);
                if (!accumulate.isExternalFunction()) {
                    refuse(
                            accumulate,
                            at,
                            "accumulate with init/action/result code is refused; use "
                                    + String.join(
                                            ", ",
                                            RuleLanguage.ACCUMULATE_FUNCTIONS.stream()
                                                    .sorted()
                                                    .toList()));
                    return;
                }
                for (var function : accumulate.getFunctions()) {
                    if (!RuleLanguage.ACCUMULATE_FUNCTIONS.contains(function.getFunction())) {
                        refuse(
                                accumulate,
                                accAt,
                                "accumulate function " + function.getFunction() + " is refused; use "
                                        + String.join(
                                                ", ",
                                                RuleLanguage.ACCUMULATE_FUNCTIONS.stream()
                                                        .sorted()
                                                        .toList()));
                    }
                    for (String parameter : function.getParams()) {
                        int inside = offences.text.indexOf(parameter, accAt);
                        RuleExpressions.check(
                                parameter,
                                inside >= 0 ? inside : accAt,
                                new RuleExpressions.Scope(bindings, false),
                                offences);
                    }
                }
                lhs(accumulate.getInput(), bindings, accAt);
            } else {
                refuse(
                        source,
                        at,
                        source.getClass().getSimpleName().replace("Descr", "")
                                + " sources (entry-point, collect, window) are refused; a pattern matches facts, "
                                + "or reads from an allowed expression, or accumulates with "
                                + String.join(
                                        ", ",
                                        RuleLanguage.ACCUMULATE_FUNCTIONS.stream()
                                                .sorted()
                                                .toList()));
            }
        }

        /** One constraint of a pattern, split by Drools' expression parser, each operand parsed as Java. */
        private void constraint(ExprConstraintDescr expr, Map<String, String> bindings, int patternAt) {
            String text = expr.getExpression();
            int at = offences.offset(expr, patternAt);
            ConstraintConnectiveDescr parsed = parseConstraint(text);
            if (parsed == null) {
                offences.add(at, "cannot read the constraint \"" + text + "\"; " + RuleExpressions.ALLOWED_EXPRESSION);
                return;
            }
            int before = offences.count();
            RuleExpressions.Scope scope = new RuleExpressions.Scope(bindings, true);
            operands(parsed, text, at, scope);
            if (offences.count() == before) {
                RuleExpressions.vocabulary(text, at, scope, Set.of("in", "not"), offences);
            }
        }

        private void operands(BaseDescr descr, String text, int at, RuleExpressions.Scope scope) {
            if (descr instanceof ConstraintConnectiveDescr connective) {
                connective.getDescrs().forEach(d -> operands(d, text, at, scope));
            } else if (descr instanceof RelationalExprDescr relation) {
                if (!RuleLanguage.OPERATORS.contains(relation.getOperator()) || relation.getParameters() != null) {
                    offences.add(
                            at + Math.max(0, text.indexOf(relation.getOperator())),
                            "operator "
                                    + (relation.isNegated() ? "not " : "") + relation.getOperator()
                                    + " is refused; allowed: "
                                    + String.join(
                                            " ",
                                            RuleLanguage.OPERATORS.stream()
                                                    .sorted()
                                                    .toList()) + " in, not in");
                }
                operands(relation.getLeft(), text, at, scope);
                operands(relation.getRight(), text, at, scope);
            } else if (descr instanceof BindingDescr binding) {
                check(binding.getExpression(), text, at, scope);
            } else if (descr instanceof AtomicExprDescr atom) {
                check(atom.getExpression(), text, at, scope);
            } else if (descr != null) {
                offences.add(
                        at,
                        "\"" + text + "\" is not a constraint of the rule language; "
                                + RuleExpressions.ALLOWED_EXPRESSION);
            }
        }

        private void check(String operand, String text, int at, RuleExpressions.Scope scope) {
            int inside = text.indexOf(operand);
            RuleExpressions.check(operand, at + Math.max(inside, 0), scope, offences);
        }

        private static ConstraintConnectiveDescr parseConstraint(String text) {
            DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
            ConstraintConnectiveDescr parsed = parser.parse(text);
            return parser.hasErrors() ? null : parsed;
        }

        private static String simple(String type) {
            return type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
        }
    }
}
