package dev.arbiter.web;

import dev.arbiter.decision.ApplicationConflictException;
import jakarta.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Request records read from JSON that did not come as an HTTP body (a message on the decision
 * stream), with the same strictness ({@link JsonTree}, {@link JsonShapes}), the same
 * validation and the same problem documents and codes as {@link StrictJsonBody} and
 * {@link ProblemHandler} give the HTTP API.
 */
@Component
public class JsonRequests {

    /** A refusal, carrying the problem the HTTP API would answer with. */
    public static final class Refused extends RuntimeException {
        private final transient ProblemDetail problem;

        public Refused(ProblemDetail problem) {
            super(problem.getDetail(), null, false, false);
            this.problem = problem;
        }

        public ProblemDetail problem() {
            return problem;
        }
    }

    private final ObjectMapper json;
    private final StrictJsonBody reader;
    private final ProblemHandler problems;

    JsonRequests(ObjectMapper json, Validator validator, ProblemHandler problems) {
        this.json = json;
        this.reader = new StrictJsonBody(json, new AllowedValues(validator));
        this.problems = problems;
    }

    /** One JSON value, read strictly (a key given twice, or anything after the value, is refused). */
    public JsonNode tree(byte[] text) {
        try {
            return JsonTree.read(json, text);
        } catch (JsonTree.NotJsonException e) {
            throw new Refused(problems.unreadable(new HttpMessageNotReadableException(e.getMessage(), e, input(text)))
                    .getBody());
        }
    }

    /** A request record from a JSON tree: typed, bound and validated as the same HTTP body would be. */
    public <T> T read(JsonNode tree, Class<T> type) {
        byte[] body = json.writeValueAsBytes(tree);
        Object bound;
        try {
            bound = reader.read(type, input(body));
        } catch (HttpMessageNotReadableException e) {
            throw new Refused(problems.unreadable(e).getBody());
        } catch (java.io.IOException e) {
            throw new Refused(Problems.MALFORMED_JSON.detail("the message could not be read"));
        }
        problems.violations(bound).ifPresent(problem -> {
            throw new Refused(problem);
        });
        return type.cast(bound);
    }

    /** The problem the HTTP API answers for an exception of the decision path (conflict, storage down, ...). */
    public ProblemDetail problem(Exception e) {
        if (e instanceof Refused refused) {
            return refused.problem();
        }
        if (e instanceof ApplicationConflictException conflict) {
            return problems.conflict(conflict).getBody();
        }
        if (e instanceof DataAccessException || e instanceof TransactionException) {
            return problems.storage((RuntimeException) e).getBody();
        }
        return problems.unexpected(e).getBody();
    }

    private static HttpInputMessage input(byte[] body) {
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.APPLICATION_JSON);
                return headers;
            }
        };
    }
}
