package dev.arbiter.ensemble;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper the ensemble's adapters share, and the error envelope of the raw response. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static String error(String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error", message);
        return MAPPER.writeValueAsString(node);
    }
}
