package dev.arbiter.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a request body into a JSON tree by hand, so that what a generic reader lets through
 * is refused here with the key's JSON pointer: a key given twice (with a generic reader the
 * last one silently wins), and anything after the first value. Numbers keep their exact
 * written value (integers as integers of any size, fractions as decimals) so that a later
 * check can say "out of range" rather than "malformed".
 */
final class JsonTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Why a body is not one JSON value, in the API's words: never a parser's message. */
    static final class NotJsonException extends RuntimeException {
        final String pointer;

        NotJsonException(String message, String pointer) {
            super(message);
            this.pointer = pointer;
        }
    }

    private JsonTree() {}

    static JsonNode read(ObjectMapper json, byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new NotJsonException("the body is empty; send one JSON object", null);
            }
            JsonNode tree = value(parser, first);
            if (parser.nextToken() != null) {
                throw new NotJsonException(
                        "the body holds more than one JSON value" + at(parser.currentLocation())
                                + "; send exactly one JSON object",
                        null);
            }
            return tree;
        } catch (JacksonException malformed) {
            // the parser's own message quotes its internals; the position is what the client needs
            throw new NotJsonException(
                    "the body is not valid JSON" + at(malformed.getLocation())
                            + "; check quotes, commas, brackets and escapes there",
                    null);
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.stringNode(parser.getString());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> DecimalNode.valueOf(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new NotJsonException("the body is not valid JSON" + at(parser.currentLocation()), null);
        };
    }

    private static ObjectNode object(JsonParser parser) {
        ObjectNode object = NODES.objectNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            if (object.has(name)) {
                // the pointer only for the refusal: building it for every key cost each request a path
                String pointer = parser.streamReadContext().pathAsPointer().toString();
                throw new NotJsonException(
                        "the key \"" + printable(name) + "\" appears more than once at "
                                + (pointer.isEmpty() ? "/" : pointer) + "; give each key once",
                        pointer);
            }
            object.set(name, value(parser, parser.nextToken()));
        }
        return object;
    }

    private static ArrayNode array(JsonParser parser) {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(value(parser, token));
        }
        return array;
    }

    private static String at(TokenStreamLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** A key is the client's text: shown, but with control characters escaped and cut to a sane length. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(100).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > 100 ? out + "..." : out.toString();
    }
}
