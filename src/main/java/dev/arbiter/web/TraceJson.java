package dev.arbiter.web;

import dev.arbiter.decision.Effect;
import dev.arbiter.decision.EffectKind;
import dev.arbiter.decision.FiredRule;
import dev.arbiter.decision.Intervention;
import dev.arbiter.decision.Outcome;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads the decision trace in both forms it was ever stored in: typed (effects and
 * interventions as objects) and the text of records stored before ({@code "effect":
 * "DENY R-DTI"}, {@code "guardrails": ["NO_OUTCOME: ..."]}), which the core's own
 * {@link Effect#parseAll} and {@link Intervention#parse} turn into the typed form. Here,
 * outside the core, because the core knows no JSON library; writing needs nothing special.
 */
public final class TraceJson extends SimpleModule {

    public TraceJson() {
        super("arbiter-trace");
        addDeserializer(FiredRule.class, new FiredRules());
        addDeserializer(Effect.class, new Effects());
        addDeserializer(Intervention.class, new Interventions());
    }

    private static final class FiredRules extends ValueDeserializer<FiredRule> {
        @Override
        public FiredRule deserialize(JsonParser parser, DeserializationContext context) {
            JsonNode node = context.readTree(parser);
            JsonNode legacy = node.path("effect");
            List<Effect> effects = new ArrayList<>();
            if (legacy.isString()) {
                effects.addAll(Effect.parseAll(legacy.stringValue()));
            } else {
                node.path("effects").forEach(effect -> effects.add(effect(effect)));
            }
            return new FiredRule(
                    node.path("order").asInt(),
                    text(node, "name"),
                    text(node, "ruleCode"),
                    text(node, "reasonCode"),
                    effects);
        }
    }

    private static final class Effects extends ValueDeserializer<Effect> {
        @Override
        public Effect deserialize(JsonParser parser, DeserializationContext context) {
            return effect(context.readTree(parser));
        }
    }

    private static final class Interventions extends ValueDeserializer<Intervention> {
        @Override
        public Intervention deserialize(JsonParser parser, DeserializationContext context) {
            JsonNode node = context.readTree(parser);
            if (node.isString()) {
                return Intervention.parse(node.stringValue());
            }
            return new Intervention(
                    text(node, "guardrail"), outcome(node, "from"), outcome(node, "to"), text(node, "detail"));
        }
    }

    private static Effect effect(JsonNode node) {
        if (node.isString()) {
            return Effect.parse(node.stringValue());
        }
        return new Effect(EffectKind.valueOf(text(node, "kind")), text(node, "reasonCode"), text(node, "detail"));
    }

    private static Outcome outcome(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Outcome.valueOf(value);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }
}
