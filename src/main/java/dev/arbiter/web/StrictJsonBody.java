package dev.arbiter.web;

import dev.arbiter.web.Problems.FieldProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads every JSON request body of the API (the request records of this package): a JSON
 * tree first ({@link JsonTree}: duplicate keys and trailing values refused), its shape next
 * ({@link JsonShapes}: every wrongly typed field), binding last. When any field is wrong the
 * body is refused with all of them, and with what could be bound, so that the constraint
 * violations of the other fields are reported in the same answer.
 */
final class StrictJsonBody extends AbstractHttpMessageConverter<Object> {

    private static final int MAX_BINDING_ROUNDS = 64;

    private final ObjectMapper json;
    private final JsonShapes shapes;

    StrictJsonBody(ObjectMapper json, AllowedValues allowed) {
        super(MediaType.APPLICATION_JSON);
        this.json = json;
        this.shapes = new JsonShapes(allowed);
    }

    /** Fields of the right JSON syntax but the wrong type; {@code bound} holds the rest, for validation. */
    static final class WrongFields extends RuntimeException {
        final List<FieldProblem> problems;
        final transient Object bound;

        WrongFields(List<FieldProblem> problems, Object bound) {
            super(problems.size() + " fields of the wrong type");
            this.problems = problems;
            this.bound = bound;
        }
    }

    /** Every request body record of Arbiter's modules; each module keeps its own request types. */
    @Override
    protected boolean supports(Class<?> type) {
        return type.isRecord() && type.getPackageName().startsWith("dev.arbiter.");
    }

    @Override
    public boolean canWrite(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage input) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        JsonNode tree;
        try {
            tree = JsonTree.read(json, body);
        } catch (JsonTree.NotJsonException e) {
            throw new HttpMessageNotReadableException(e.getMessage(), e, input);
        }
        if (!tree.isObject()) {
            String message = "the body is a JSON " + tree.getNodeType().name().toLowerCase() + "; send a JSON object";
            throw new HttpMessageNotReadableException(message, new JsonTree.NotJsonException(message, null), input);
        }
        List<FieldProblem> problems = new ArrayList<>(shapes.check(type, (ObjectNode) tree));
        Object bound = bind(type, (ObjectNode) tree, problems);
        if (!problems.isEmpty()) {
            throw new HttpMessageNotReadableException("invalid fields", new WrongFields(problems, bound), input);
        }
        return bound;
    }

    /** Binds what is left; a value binding still refuses (an instant that is no instant) is one more problem. */
    private Object bind(Class<?> type, ObjectNode tree, List<FieldProblem> problems) {
        for (int round = 0; round < MAX_BINDING_ROUNDS; round++) {
            try {
                return json.treeToValue(tree, type);
            } catch (MismatchedInputException mismatch) {
                if (mismatch.getPath().isEmpty() || !remove(tree, mismatch.getPath())) {
                    break;
                }
                String field = field(mismatch.getPath());
                Class<?> target = mismatch.getTargetType();
                problems.add(FieldProblem.of(
                        field,
                        "has the wrong type",
                        target == null ? "a value of another type" : AllowedValues.typeName(target)));
            } catch (JacksonException other) {
                break;
            }
        }
        if (problems.isEmpty()) {
            problems.add(
                    FieldProblem.of("", "cannot be read as this request", "a JSON object with the documented fields"));
        }
        return null;
    }

    private static boolean remove(ObjectNode tree, List<JacksonException.Reference> path) {
        JsonNode parent = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = step(parent, path.get(i));
            if (parent == null) {
                return false;
            }
        }
        JacksonException.Reference last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object
                && last.getPropertyName() != null
                && object.has(last.getPropertyName())) {
            object.remove(last.getPropertyName());
            return true;
        }
        if (parent instanceof tools.jackson.databind.node.ArrayNode array
                && last.getIndex() >= 0
                && last.getIndex() < array.size()
                && !array.get(last.getIndex()).isNull()) {
            array.set(last.getIndex(), tools.jackson.databind.node.JsonNodeFactory.instance.nullNode());
            return true;
        }
        return false;
    }

    private static JsonNode step(JsonNode node, JacksonException.Reference ref) {
        return ref.getPropertyName() != null
                ? node.get(ref.getPropertyName())
                : ref.getIndex() >= 0 ? node.get(ref.getIndex()) : null;
    }

    static String field(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    @Override
    protected void writeInternal(Object value, HttpOutputMessage output) {
        throw new UnsupportedOperationException("request bodies only");
    }
}
