package dev.arbiter.rules;

import dev.arbiter.decision.Attributes;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads applications in the shape of the HTTP API: the core's records bind by component
 * name, enums by constant name, an absent {@code creditFile} is a no-file applicant, and
 * {@code attributes} is a flat object of extra named values.
 */
final class ApplicationJson {

    private ApplicationJson() {}

    static JsonMapper mapper() {
        SimpleModule attributes = new SimpleModule("arbiter-attributes")
                .addDeserializer(Attributes.class, new ValueDeserializer<>() {
                    @Override
                    public Attributes deserialize(JsonParser parser, DeserializationContext context) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> values = context.readValue(parser, Map.class);
                        return new Attributes(values);
                    }
                });
        return JsonMapper.builder()
                .addModule(attributes)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }
}
