package dev.arbiter.fairness;

import dev.arbiter.web.Problems;
import java.util.List;

/** A fairness or repayment request refused with a stable code and, where one field is at fault, which. */
final class FairnessRefusal extends RuntimeException {

    private final Problems code;
    private final List<Problems.FieldProblem> errors;

    FairnessRefusal(Problems code, String detail, Problems.FieldProblem... errors) {
        super(detail);
        this.code = code;
        this.errors = List.of(errors);
    }

    /** The fields at fault, each with why and what would be valid. */
    List<Problems.FieldProblem> errors() {
        return errors;
    }

    org.springframework.http.ProblemDetail problem() {
        return errors.isEmpty() ? code.detail(getMessage()) : code.detail(getMessage(), errors);
    }
}
