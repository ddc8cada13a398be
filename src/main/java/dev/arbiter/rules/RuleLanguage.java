package dev.arbiter.rules;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.ModelScore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one list of what analyst-authored rules may name: fact types, the value types they
 * expose, read-only accessors, the verdict methods a consequence may call, and the DRL
 * attributes, annotations, operators and accumulate functions a rule may use. Everything the
 * {@link RuleSandbox} does not find here is refused before Drools sees the text.
 *
 * <p>Most of it is derived by reflection from the fact types, so a new accessor or verdict
 * method is in the language as soon as it exists, and a package move edits {@link #FACTS} only.
 */
final class RuleLanguage {

    /** The types rules match; the package they must be imported from is the class's own. */
    static final List<Class<?>> FACTS =
            List.of(Application.class, Features.class, ModelScore.class, Parameters.class, VerdictBuilder.class);

    /** Read methods with arguments (everything else readable is a no-argument accessor). */
    static final Map<Class<?>, Set<String>> READ_METHODS_WITH_ARGUMENTS = Map.of(
            Parameters.class, Set.of("num", "count", "amount", "band"),
            RiskBand.class, Set.of("limitFor"));

    /** The package every rule file must declare, so generated classes live apart from Arbiter's own. */
    static final String PACKAGE = "arbiter.policy";

    static final Set<String> ANNOTATIONS = Set.of(RulesetCompiler.RULE_CODE, RulesetCompiler.REASON_CODE);

    /** Rule attributes and whether each takes a number, a string or a boolean literal. */
    static final Map<String, String> ATTRIBUTES = Map.of(
            "salience",
            "an integer",
            "activation-group",
            "a string",
            "ruleflow-group",
            "a string",
            "no-loop",
            "true or false",
            "lock-on-active",
            "true or false",
            "auto-focus",
            "true or false",
            "dialect",
            "\"java\"");

    /** Relational operators of constraints; {@code in} and {@code not in} arrive as == and != joined. */
    static final Set<String> OPERATORS = Set.of("==", "!=", "<", "<=", ">", ">=");

    /** Drools' built-in accumulate functions that compute over numbers only. */
    static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max", "average");

    /** Types an accumulate result may be matched as. */
    static final Set<String> ACCUMULATE_RESULTS = Set.of("Number", "Long", "Integer", "Double", "BigDecimal");

    private static final Set<String> OBJECT_METHODS =
            Arrays.stream(Object.class.getMethods()).map(Method::getName).collect(java.util.stream.Collectors.toSet());

    /** Simple name to class: the facts and every type of ours reachable through their accessors. */
    static final Map<String, Class<?>> TYPES;
    /** Names callable as {@code x.name(...)}: accessors and the read methods above. */
    static final Set<String> READ_METHODS;
    /** Names usable as {@code x.name}: accessor names and getter properties ({@code getX}, {@code isX}). */
    static final Set<String> PROPERTIES;
    /** {@link VerdictBuilder}'s public methods that change the verdict; only a consequence calls them. */
    static final Set<String> VERDICT_METHODS;

    static {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        Set<String> methods = new TreeSet<>();
        Set<String> properties = new TreeSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>(FACTS);
        pending.add(RiskBand.class);
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (types.putIfAbsent(type.getSimpleName(), type) != null) {
                continue;
            }
            if (type.isEnum()) {
                continue;
            }
            for (Method m : type.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || OBJECT_METHODS.contains(m.getName())) {
                    continue;
                }
                boolean accessor = m.getParameterCount() == 0 && m.getReturnType() != void.class;
                boolean namedRead =
                        READ_METHODS_WITH_ARGUMENTS.getOrDefault(type, Set.of()).contains(m.getName());
                if (!accessor && !namedRead) {
                    continue;
                }
                methods.add(m.getName());
                if (accessor) {
                    properties.add(property(m.getName()));
                }
                ours(m.getGenericReturnType(), pending);
            }
        }
        types.put("BigDecimal", BigDecimal.class);
        types.put("String", String.class);
        TYPES = Map.copyOf(types);
        READ_METHODS = Set.copyOf(methods);
        PROPERTIES = Set.copyOf(properties);
        VERDICT_METHODS = Arrays.stream(VerdictBuilder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())
                        && !Modifier.isStatic(m.getModifiers())
                        && m.getReturnType() == void.class)
                .map(Method::getName)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private RuleLanguage() {}

    /** Whether {@code name} is an import a rule file may carry: a fact or value type, by its full name. */
    static boolean importable(String name) {
        Class<?> type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        return type != null && type.getName().equals(name);
    }

    static boolean isType(String simpleOrFullName) {
        return TYPES.containsKey(simpleOrFullName)
                || TYPES.values().stream().anyMatch(t -> t.getName().equals(simpleOrFullName));
    }

    /** The enum named {@code simpleName}, if it is one of the allowed types. */
    static Class<?> enumNamed(String simpleName) {
        Class<?> type = TYPES.get(simpleName);
        return type != null && type.isEnum() ? type : null;
    }

    static boolean isEnumConstant(Class<?> enumType, String name) {
        return Arrays.stream(enumType.getEnumConstants())
                .anyMatch(c -> ((Enum<?>) c).name().equals(name));
    }

    static boolean isEnumConstantName(String name) {
        return TYPES.values().stream().filter(Class::isEnum).anyMatch(t -> isEnumConstant(t, name));
    }

    static String factNames() {
        return String.join(", ", FACTS.stream().map(Class::getSimpleName).toList());
    }

    static String verdictNames() {
        return String.join(", ", new TreeSet<>(VERDICT_METHODS));
    }

    private static String property(String method) {
        for (String prefix : List.of("get", "is")) {
            if (method.startsWith(prefix)
                    && method.length() > prefix.length()
                    && Character.isUpperCase(method.charAt(prefix.length()))) {
                String rest = method.substring(prefix.length());
                return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
            }
        }
        return method;
    }

    /** Queues the types of ours a return type mentions, including type arguments such as {@code List<ScoreFactor>}. */
    private static void ours(Type type, Deque<Class<?>> pending) {
        if (type instanceof Class<?> c) {
            if (c.getName().startsWith("dev.arbiter.")) {
                pending.add(c);
            }
        } else if (type instanceof ParameterizedType p) {
            ours(p.getRawType(), pending);
            for (Type argument : p.getActualTypeArguments()) {
                ours(argument, pending);
            }
        }
    }
}
