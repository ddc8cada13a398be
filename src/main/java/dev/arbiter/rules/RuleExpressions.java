package dev.arbiter.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.drools.drl.parser.antlr4.JavaLexer;
import org.drools.drl.parser.antlr4.JavaParser;
import org.drools.drl.parser.antlr4.JavaParser.ExpressionContext;
import org.drools.drl.parser.antlr4.JavaParser.ExpressionListContext;
import org.drools.drl.parser.antlr4.JavaParser.LiteralContext;
import org.drools.drl.parser.antlr4.JavaParser.MethodCallContext;
import org.drools.drl.parser.antlr4.JavaParser.PrimaryContext;

/**
 * Java expressions and consequences of analyst rules, parsed with the Java grammar Drools
 * ships and accepted only in the forms {@link RuleLanguage} allows: literals, bound variables,
 * properties and read-only accessors of the allowed types, enum constants, arithmetic,
 * comparison and logic. Anything else, however harmless it may look, is an offence.
 */
final class RuleExpressions {

    static final String ALLOWED_EXPRESSION = "allowed: literals, $variables bound in the rule, properties and read "
            + "accessors of the fact types, enum constants such as ModelRole.PRIMARY, + - * / %, comparisons, && || !";
    static final String ALLOWED_CONSEQUENCE = "a consequence may only be modify($v) { verdictCall(...), ... } or "
            + "$v.verdictCall(...); on a VerdictBuilder bound as $v; verdict calls: ";

    private static final Set<Integer> BINARY = Set.of(
            JavaParser.ADD,
            JavaParser.SUB,
            JavaParser.MUL,
            JavaParser.DIV,
            JavaParser.MOD,
            JavaParser.LT,
            JavaParser.GT,
            JavaParser.LE,
            JavaParser.GE,
            JavaParser.EQUAL,
            JavaParser.NOTEQUAL,
            JavaParser.AND,
            JavaParser.OR);
    /** Token kinds allowed anywhere: literals, this, separators and the operators of the language. */
    private static final Set<Integer> TOKENS = Set.of(
            JavaParser.DECIMAL_LITERAL,
            JavaParser.FLOAT_LITERAL,
            JavaParser.BOOL_LITERAL,
            JavaParser.STRING_LITERAL,
            JavaParser.NULL_LITERAL,
            JavaParser.THIS,
            JavaParser.LPAREN,
            JavaParser.RPAREN,
            JavaParser.LBRACE,
            JavaParser.RBRACE,
            JavaParser.SEMI,
            JavaParser.COMMA,
            JavaParser.DOT,
            JavaParser.COLON,
            JavaParser.QUESTION,
            JavaParser.BANG,
            JavaParser.ADD,
            JavaParser.SUB,
            JavaParser.MUL,
            JavaParser.DIV,
            JavaParser.MOD,
            JavaParser.LT,
            JavaParser.GT,
            JavaParser.LE,
            JavaParser.GE,
            JavaParser.EQUAL,
            JavaParser.NOTEQUAL,
            JavaParser.AND,
            JavaParser.OR);
    /** Words Java reserves only in some places (module, record, ...); the grammar reads them as names here. */
    private static final Set<Integer> CONTEXTUAL = Set.of(
            JavaParser.MODULE,
            JavaParser.OPEN,
            JavaParser.REQUIRES,
            JavaParser.EXPORTS,
            JavaParser.OPENS,
            JavaParser.TO,
            JavaParser.USES,
            JavaParser.PROVIDES,
            JavaParser.WITH,
            JavaParser.TRANSITIVE,
            JavaParser.YIELD,
            JavaParser.SEALED,
            JavaParser.PERMITS,
            JavaParser.RECORD,
            JavaParser.VAR);

    private static final Set<Integer> PREFIX = Set.of(JavaParser.ADD, JavaParser.SUB, JavaParser.BANG);

    /**
     * What names mean where an expression stands.
     *
     * @param bindings      variables bound in the rule, with the simple type name when a pattern bound them
     * @param inPattern     inside a pattern's constraint: bare property names and {@code this} refer to the fact
     */
    record Scope(Map<String, String> bindings, boolean inPattern) {}

    /** Where an offence is: the offset in the file text of the expression's first character. */
    interface Offences {
        void add(int offset, String message);

        /** How many offences were added so far. */
        int count();
    }

    private RuleExpressions() {}

    /** Checks one Java expression whose text starts at file offset {@code at}. */
    static void check(String expression, int at, Scope scope, Offences offences) {
        twoStage((mode, into) -> checkOnce(expression, at, scope, into, mode), offences);
    }

    /** Checks with one prediction mode; true when the text did not parse. */
    private static boolean checkOnce(String expression, int at, Scope scope, Offences offences, PredictionMode mode) {
        Parsed parsed = Parsed.of(expression, mode);
        ExpressionContext tree;
        try {
            tree = parsed.parser.expression();
        } catch (ParseCancellationException e) {
            Token token = offending(e, parsed.tokens);
            offences.add(
                    at + token.getStartIndex(),
                    "unexpected \"" + token.getText() + "\" in \"" + abbreviate(expression.strip()) + "\"; "
                            + ALLOWED_EXPRESSION);
            return true;
        } catch (RuntimeException e) {
            offences.add(at, "cannot read \"" + expression.strip() + "\" as a rule expression; " + ALLOWED_EXPRESSION);
            return true;
        }
        if (parsed.failed(at, offences, expression)) {
            return true;
        }
        if (parsed.tokens.LA(1) != Token.EOF) {
            offences.add(
                    at + parsed.tokens.LT(1).getStartIndex(),
                    "unexpected \"" + parsed.tokens.LT(1).getText() + "\" after the expression; " + ALLOWED_EXPRESSION);
            return true;
        }
        int before = offences.count();
        new Walker(scope, at, offences).expression(tree);
        if (offences.count() == before) {
            vocabulary(expression, at, scope, Set.of(), offences);
        }
        return false;
    }

    /** Parses one text with one prediction mode, adding offences; true when the text did not parse. */
    private interface Attempt {
        boolean run(PredictionMode mode, Offences into);
    }

    /**
     * ANTLR's fast SLL prediction either parses as full LL would or reports an error; only then
     * is the text parsed again with LL, whose verdict counts. SLL's offences are kept aside
     * until it is clear they stand.
     */
    private static void twoStage(Attempt attempt, Offences offences) {
        List<Map.Entry<Integer, String>> held = new ArrayList<>();
        Offences aside = new Offences() {
            @Override
            public void add(int offset, String message) {
                held.add(Map.entry(offset, message));
            }

            @Override
            public int count() {
                return held.size();
            }
        };
        if (!attempt.run(PredictionMode.SLL, aside)) {
            held.forEach(offence -> offences.add(offence.getKey(), offence.getValue()));
            return;
        }
        attempt.run(PredictionMode.LL, offences);
    }

    /**
     * A second, lexical line behind the parsers: every token of {@code text} must be a literal,
     * an operator of the language or a name the language knows. It catches text that a parser
     * here and the one Drools compiles with might read differently; it reports the first token
     * it refuses, and only when the structural check found nothing.
     */
    static void vocabulary(String text, int at, Scope scope, Set<String> keywords, Offences offences) {
        JavaLexer lexer = new JavaLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        for (Token token : lexer.getAllTokens()) {
            if (token.getChannel() != Token.DEFAULT_CHANNEL || TOKENS.contains(token.getType())) {
                continue;
            }
            String word = token.getText();
            boolean known = (token.getType() == JavaParser.IDENTIFIER || CONTEXTUAL.contains(token.getType()))
                    && (keywords.contains(word)
                            || scope.bindings().containsKey(word)
                            || RuleLanguage.PROPERTIES.contains(word)
                            || RuleLanguage.READ_METHODS.contains(word)
                            || RuleLanguage.VERDICT_METHODS.contains(word)
                            || RuleLanguage.enumNamed(word) != null
                            || RuleLanguage.isEnumConstantName(word));
            if (!known) {
                offences.add(
                        at + token.getStartIndex(),
                        "\"" + word + "\" is not in the rule language; " + ALLOWED_EXPRESSION);
                return;
            }
        }
    }

    /**
     * Checks a consequence: a sequence of {@code modify($v) { call(args), ... }} blocks and
     * {@code $v.call(args);} statements, where {@code $v} is bound to a VerdictBuilder and each
     * call is one of its verdict methods with allowed arguments.
     */
    static void checkConsequence(String consequence, int at, Scope scope, Offences offences) {
        int before = offences.count();
        twoStage((mode, into) -> consequenceOnce(consequence, at, scope, into, mode), offences);
        if (offences.count() == before) {
            vocabulary(consequence, at, scope, Set.of("modify"), offences);
        }
    }

    private static boolean consequenceOnce(
            String consequence, int at, Scope scope, Offences offences, PredictionMode mode) {
        Parsed parsed = Parsed.of(consequence, mode);
        Walker walker = new Walker(scope, at, offences);
        CommonTokenStream tokens = parsed.tokens;
        try {
            while (tokens.LA(1) != Token.EOF) {
                Token first = tokens.LT(1);
                if (first.getType() == JavaParser.IDENTIFIER
                        && first.getText().equals("modify")
                        && tokens.LA(2) == JavaParser.LPAREN) {
                    tokens.consume();
                    parsed.expect(JavaParser.LPAREN);
                    ExpressionContext target = parsed.parser.expression();
                    parsed.expect(JavaParser.RPAREN);
                    parsed.expect(JavaParser.LBRACE);
                    walker.verdictTarget(target);
                    if (tokens.LA(1) != JavaParser.RBRACE) {
                        ExpressionListContext calls = parsed.parser.expressionList();
                        for (ExpressionContext call : calls.expression()) {
                            walker.verdictCall(call);
                        }
                    }
                    parsed.expect(JavaParser.RBRACE);
                    if (tokens.LA(1) == JavaParser.SEMI) {
                        tokens.consume();
                    }
                } else {
                    ExpressionContext statement = parsed.parser.expression();
                    parsed.expect(JavaParser.SEMI);
                    walker.verdictStatement(statement);
                }
                if (parsed.failed(at, offences, consequence)) {
                    return true;
                }
            }
            return false;
        } catch (Unexpected e) {
            offences.add(
                    at + e.token.getStartIndex(),
                    "unexpected \"" + e.token.getText() + "\" in the consequence; " + ALLOWED_CONSEQUENCE
                            + RuleLanguage.verdictNames());
        } catch (ParseCancellationException e) {
            Token token = offending(e, tokens);
            offences.add(
                    at + token.getStartIndex(),
                    "unexpected \"" + token.getText() + "\" in the consequence; " + ALLOWED_CONSEQUENCE
                            + RuleLanguage.verdictNames());
        } catch (RuntimeException e) {
            offences.add(at, "cannot read the consequence; " + ALLOWED_CONSEQUENCE + RuleLanguage.verdictNames());
        }
        return true;
    }

    /** A token stream and parser over one piece of text, remembering the first syntax error. */
    private static final class Parsed extends BaseErrorListener {
        final CommonTokenStream tokens;
        final JavaParser parser;
        private int errorAt = -1;
        private String error;

        private Parsed(String text, PredictionMode mode) {
            JavaLexer lexer = new JavaLexer(CharStreams.fromString(text));
            lexer.removeErrorListeners();
            lexer.addErrorListener(this);
            tokens = new CommonTokenStream(lexer);
            parser = new JavaParser(tokens);
            parser.removeErrorListeners();
            parser.addErrorListener(this);
            // stop at the first error: recovery would skip tokens and place the offence elsewhere
            parser.setErrorHandler(new BailErrorStrategy());
            parser.getInterpreter().setPredictionMode(mode);
        }

        static Parsed of(String text, PredictionMode mode) {
            return new Parsed(text, mode);
        }

        @Override
        public void syntaxError(
                Recognizer<?, ?> recognizer, Object symbol, int line, int column, String msg, RecognitionException e) {
            if (error == null) {
                errorAt = symbol instanceof Token t ? t.getStartIndex() : 0;
                error = msg;
            }
        }

        void expect(int type) {
            if (tokens.LA(1) != type) {
                throw new Unexpected(tokens.LT(1));
            }
            tokens.consume();
        }

        boolean failed(int at, Offences offences, String text) {
            if (error == null) {
                return false;
            }
            offences.add(at + Math.max(errorAt, 0), "not in the rule language (" + error + ")");
            return true;
        }
    }

    private static final class Unexpected extends RuntimeException {
        final transient Token token;

        Unexpected(Token token) {
            super(null, null, false, false);
            this.token = token;
        }
    }

    /** The allow-list proper: one method per grammar form, refusing every form it does not name. */
    private static final class Walker {
        private final Scope scope;
        private final int at;
        private final Offences offences;
        /** Offences so far: a member of something already refused is not reported again. */
        private int refused;

        Walker(Scope scope, int at, Offences offences) {
            this.scope = scope;
            this.at = at;
            this.offences = offences;
        }

        private void refuse(ParserRuleContext where, String what) {
            refused++;
            offences.add(at + where.getStart().getStartIndex(), what + "; " + ALLOWED_EXPRESSION);
        }

        void expression(ExpressionContext e) {
            if (e.primary() != null) {
                primary(e.primary());
            } else if (e.bop != null && e.bop.getType() == JavaParser.DOT) {
                member(e);
            } else if (e.bop != null
                    && e.bop.getType() == JavaParser.QUESTION
                    && e.expression().size() == 3) {
                e.expression().forEach(this::expression);
            } else if (e.bop != null
                    && BINARY.contains(e.bop.getType())
                    && e.expression().size() == 2) {
                e.expression().forEach(this::expression);
            } else if (e.prefix != null
                    && PREFIX.contains(e.prefix.getType())
                    && e.expression().size() == 1) {
                expression(e.expression(0));
            } else if (e.NEW() != null) {
                refuse(e, "\"new\" creates objects; rules only read facts and call verdict methods");
            } else if (e.methodCall() != null) {
                refuse(e, "\"" + e.methodCall().getText() + "\" calls a function or static method");
            } else if (e.LPAREN() != null && !e.typeType().isEmpty()) {
                refuse(e, "casts are not in the rule language");
            } else if (e.COLONCOLON() != null || e.lambdaExpression() != null || e.switchExpression() != null) {
                refuse(e, "lambdas, method references and switch expressions are not in the rule language");
            } else {
                refuse(e, "\"" + e.getText() + "\" is not in the rule language");
            }
        }

        private void primary(PrimaryContext p) {
            if (p.expression() != null) {
                expression(p.expression());
            } else if (p.literal() != null) {
                literal(p.literal());
            } else if (p.THIS() != null && p.arguments() == null) {
                if (!scope.inPattern()) {
                    refuse(p, "\"this\" means the matched fact and is allowed inside a pattern only");
                }
            } else if (p.identifier() != null && p.arguments() == null) {
                name(p, p.identifier().getText());
            } else if (p.CLASS() != null) {
                refuse(p, "class literals (\"" + p.getText() + "\") reach reflection");
            } else {
                refuse(p, "\"" + p.getText() + "\" is not in the rule language");
            }
        }

        private void literal(LiteralContext literal) {
            if (literal.CHAR_LITERAL() != null || literal.TEXT_BLOCK() != null) {
                refuse(literal, "write text as a \"double-quoted string\"");
            }
        }

        private void name(ParserRuleContext where, String name) {
            if (scope.bindings().containsKey(name)) {
                return;
            }
            if (scope.inPattern() && RuleLanguage.PROPERTIES.contains(name)) {
                return;
            }
            if (RuleLanguage.isType(name)) {
                refuse(
                        where,
                        "\"" + name
                                + "\" is a type; of types only enum constants such as ModelRole.PRIMARY may be named");
            } else if (scope.inPattern()) {
                refuse(
                        where,
                        "\"" + name + "\" is neither a variable bound in this rule nor a property of a fact type"
                                + " (static access and functions are refused)");
            } else {
                refuse(
                        where,
                        "\"" + name
                                + "\" is not a variable bound in this rule (static access and functions are refused)");
            }
        }

        private void member(ExpressionContext e) {
            ExpressionContext left = e.expression(0);
            if (e.identifier() != null) {
                String name = e.identifier().getText();
                Class<?> enumType = enumQualifier(left);
                if (enumType != null) {
                    if (!RuleLanguage.isEnumConstant(enumType, name)) {
                        refuse(e, "\"" + name + "\" is not a constant of " + enumType.getSimpleName());
                    }
                    return;
                }
                int before = refused;
                expression(left);
                if (refused == before && !RuleLanguage.PROPERTIES.contains(name)) {
                    refuse(e.identifier(), "\"" + name + "\" is not a property of a fact type");
                }
            } else if (e.methodCall() != null && e.methodCall().identifier() != null) {
                MethodCallContext call = e.methodCall();
                String name = call.identifier().getText();
                if (enumQualifier(left) != null || isStaticLooking(left)) {
                    refuse(e, "static calls (\"" + e.getText() + "\") are not in the rule language");
                    return;
                }
                int before = refused;
                expression(left);
                if (refused == before && !RuleLanguage.READ_METHODS.contains(name)) {
                    refuse(
                            call,
                            "\"" + name + "(...)\" is not a read accessor of a fact type"
                                    + (RuleLanguage.VERDICT_METHODS.contains(name)
                                            ? " (verdict methods belong in the consequence)"
                                            : ""));
                }
                arguments(call.expressionList());
            } else {
                refuse(e, "\"" + e.getText() + "\" is not in the rule language");
            }
        }

        private void arguments(ExpressionListContext list) {
            if (list != null) {
                list.expression().forEach(this::expression);
            }
        }

        /** The enum class when {@code left} is the bare simple name of an allowed enum not shadowed by a variable. */
        private Class<?> enumQualifier(ExpressionContext left) {
            if (left.primary() == null
                    || left.primary().identifier() == null
                    || left.primary().arguments() != null) {
                return null;
            }
            String name = left.primary().identifier().getText();
            return scope.bindings().containsKey(name) ? null : RuleLanguage.enumNamed(name);
        }

        private boolean isStaticLooking(ExpressionContext left) {
            if (left.primary() == null || left.primary().identifier() == null) {
                return false;
            }
            String name = left.primary().identifier().getText();
            return !scope.bindings().containsKey(name)
                    && !(scope.inPattern() && RuleLanguage.PROPERTIES.contains(name));
        }

        /** The variable in {@code modify(...)}: a name bound to a VerdictBuilder pattern. */
        void verdictTarget(ExpressionContext target) {
            String name = target.primary() != null && target.primary().identifier() != null
                    ? target.primary().identifier().getText()
                    : null;
            if (name == null
                    || !VerdictBuilder.class
                            .getSimpleName()
                            .equals(scope.bindings().get(name))) {
                offences.add(
                        at + target.getStart().getStartIndex(),
                        "modify(" + target.getText()
                                + ") must name a variable bound to VerdictBuilder, e.g. $v : VerdictBuilder()");
            }
        }

        /** One call inside a modify block: {@code verdictMethod(args)} without a receiver. */
        void verdictCall(ExpressionContext call) {
            MethodCallContext m = call.methodCall();
            if (call.primary() != null || call.bop != null || m == null || m.identifier() == null) {
                offences.add(
                        at + call.getStart().getStartIndex(),
                        "\"" + call.getText() + "\" in a modify block; " + ALLOWED_CONSEQUENCE
                                + RuleLanguage.verdictNames());
                return;
            }
            verdictMethod(m);
        }

        /** One statement outside modify: {@code $v.verdictMethod(args)}. */
        void verdictStatement(ExpressionContext statement) {
            if (statement.bop != null
                    && statement.bop.getType() == JavaParser.DOT
                    && statement.methodCall() != null
                    && statement.methodCall().identifier() != null) {
                ExpressionContext receiver = statement.expression(0);
                String name = receiver.primary() != null && receiver.primary().identifier() != null
                        ? receiver.primary().identifier().getText()
                        : null;
                if (name == null
                        || !VerdictBuilder.class
                                .getSimpleName()
                                .equals(scope.bindings().get(name))) {
                    offences.add(
                            at + receiver.getStart().getStartIndex(),
                            "\"" + abbreviate(statement.getText())
                                    + "\": verdict calls are made on a variable bound to VerdictBuilder, e.g. $v.reason(\"R-DTI\")");
                }
                verdictMethod(statement.methodCall());
                return;
            }
            offences.add(
                    at + statement.getStart().getStartIndex(),
                    "\"" + abbreviate(statement.getText()) + "\" is not a verdict call; " + ALLOWED_CONSEQUENCE
                            + RuleLanguage.verdictNames());
        }

        private void verdictMethod(MethodCallContext m) {
            String name = m.identifier().getText();
            if (!RuleLanguage.VERDICT_METHODS.contains(name)) {
                offences.add(
                        at + m.getStart().getStartIndex(),
                        "\"" + name + "\" is not a verdict method of VerdictBuilder; " + "verdict calls: "
                                + RuleLanguage.verdictNames());
            }
            arguments(m.expressionList());
        }
    }

    private static Token offending(ParseCancellationException e, CommonTokenStream tokens) {
        return e.getCause() instanceof RecognitionException r && r.getOffendingToken() != null
                ? r.getOffendingToken()
                : tokens.LT(1);
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
