package dev.arbiter.web;

import dev.arbiter.decision.ApplicationConflictException;
import dev.arbiter.web.Problems.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns every refusal into an RFC 9457 problem with a stable code; nothing leaves as a bare status. */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final AllowedValues allowed;
    private final Validator validator;

    ProblemHandler(Validator validator) {
        this.allowed = new AllowedValues(validator);
        this.validator = validator;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        List<FieldProblem> errors = new ArrayList<>();
        for (var error : e.getBindingResult().getFieldErrors()) {
            String reason = error.getDefaultMessage();
            String allowedText = "";
            if (error.contains(ConstraintViolation.class)) {
                ConstraintViolation<?> violation = error.unwrap(ConstraintViolation.class);
                allowedText = allowed.describe(violation);
                reason = violation.getInvalidValue() == null ? "is required" : violation.getMessage();
            }
            errors.add(FieldProblem.of(error.getField(), reason, allowedText));
        }
        return invalidFields(errors);
    }

    private static ResponseEntity<ProblemDetail> invalidFields(List<FieldProblem> errors) {
        errors.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::reason));
        String fields = errors.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", "));
        return respond(Problems.INVALID_REQUEST.detail(
                errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s") + ": " + fields, errors));
    }

    /**
     * Fields of the wrong type together with the constraint violations of everything else, so
     * that one answer names every invalid field. A field already refused for its type is not
     * reported again as missing.
     */
    private ResponseEntity<ProblemDetail> wrongFields(StrictJsonBody.WrongFields wrong) {
        List<FieldProblem> errors = new ArrayList<>(wrong.problems);
        if (wrong.bound != null) {
            for (ConstraintViolation<Object> violation : validator.validate(wrong.bound)) {
                String field = field(violation);
                boolean reported = wrong.problems.stream()
                        .anyMatch(p -> field.equals(p.field())
                                || field.startsWith(p.field() + ".")
                                || field.startsWith(p.field() + "["));
                if (!reported) {
                    errors.add(FieldProblem.of(
                            field,
                            violation.getInvalidValue() == null ? "is required" : violation.getMessage(),
                            allowed.describe(violation)));
                }
            }
        }
        return invalidFields(errors);
    }

    /** The dotted path of a violation as the client wrote it: {@code applicant.age}, {@code reasons[0]}. */
    private static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (var node : violation.getPropertyPath()) {
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null && node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                field.append('.').append(node.getKey());
            }
            if (node.getName() != null && node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof PayloadTooLargeException tooLarge) {
            return tooLarge(tooLarge);
        }
        if (cause instanceof JsonTree.NotJsonException notJson) {
            if (notJson.pointer != null) {
                String field = notJson.pointer
                        .substring(1)
                        .replace('/', '.')
                        .replace("~1", "/")
                        .replace("~0", "~");
                return respond(Problems.INVALID_REQUEST.detail(
                        notJson.getMessage(),
                        List.of(new FieldProblem(
                                field,
                                notJson.pointer,
                                "appears more than once",
                                "each key at most once in an object"))));
            }
            return respond(Problems.MALFORMED_JSON.detail(notJson.getMessage()));
        }
        if (cause instanceof StrictJsonBody.WrongFields wrong) {
            return wrongFields(wrong);
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            String known = unknown.getKnownPropertyIds() == null
                    ? ""
                    : unknown.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", "));
            return respond(Problems.INVALID_REQUEST.detail(
                    "unknown field: " + field,
                    List.of(FieldProblem.of(field, "is not a field of this request", "one of " + known))));
        }
        if (cause instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String expected = expected(mismatch.getTargetType());
            return respond(Problems.INVALID_REQUEST.detail(
                    "wrong type for field " + field, List.of(FieldProblem.of(field, "has the wrong type", expected))));
        }
        if (cause instanceof StreamReadException malformed && malformed.getLocation() != null) {
            // Jackson's own message names its classes and features: the position is what the client can use
            return respond(Problems.MALFORMED_JSON.detail("the body is not valid JSON at line "
                    + malformed.getLocation().getLineNr() + ", column "
                    + malformed.getLocation().getColumnNr()));
        }
        if (cause instanceof JacksonException) {
            return respond(Problems.MALFORMED_JSON.detail("the body could not be read as the expected JSON object"));
        }
        return respond(Problems.MALFORMED_JSON.detail("a JSON request body is required"));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return respond(Problems.PAYLOAD_TOO_LARGE.detail(e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(Problems.UNSUPPORTED_MEDIA_TYPE.detail(
                "Content-Type " + e.getContentType() + " is not supported; send application/json"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(Problems.NOT_ACCEPTABLE.detail("this resource is available as application/json"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> parameter(MethodArgumentTypeMismatchException e) {
        String expected = expected(e.getRequiredType());
        return respond(Problems.INVALID_PARAMETER.detail(
                "parameter " + e.getName() + " is not valid",
                List.of(new FieldProblem(e.getName(), "", "cannot be read as " + expected, expected))));
    }

    @ExceptionHandler(ApplicationConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ApplicationConflictException e) {
        ProblemDetail problem = Problems.APPLICATION_CONFLICT.detail(e.getMessage());
        problem.setProperty("applicationId", e.applicationId());
        if (e.existingDecisionId() != null) {
            problem.setProperty("decisionId", e.existingDecisionId());
        }
        return respond(problem);
    }

    @ExceptionHandler(DecisionNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(DecisionNotFoundException e) {
        return respond(Problems.DECISION_NOT_FOUND.detail(e.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return respond(Problems.NOT_FOUND.detail("no resource at " + e.getResourcePath()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return respond(Problems.METHOD_NOT_ALLOWED.detail(e.getMethod() + " is not allowed here; allowed: "
                + String.join(", ", e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods())));
    }

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> storage(RuntimeException e) {
        log.error("decision storage unavailable: {}", e.toString());
        ProblemDetail problem = Problems.STORAGE_UNAVAILABLE.detail(
                "the decision could not be stored or read, so none is given; retry with the same request");
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return respond(Problems.INTERNAL_ERROR.detail("an unexpected error occurred; nothing was decided"));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static String path(JacksonException e) {
        return StrictJsonBody.field(e.getPath());
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (type == java.math.BigDecimal.class || type == Double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.util.UUID.class) {
            return "a UUID such as 3f2b8c1e-0a4d-4c6e-9b7a-1d2e3f4a5b6c";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "a JSON object";
    }
}
