package dev.arbiter.web;

import java.util.List;

/** A refused audit, review, replay or query request: the problem code says what kind, nothing was changed. */
final class AuditRefusal extends RuntimeException {

    private final Problems problem;
    private final List<Problems.FieldProblem> errors;

    AuditRefusal(Problems problem, String detail) {
        this(problem, detail, List.of());
    }

    AuditRefusal(Problems problem, String detail, List<Problems.FieldProblem> errors) {
        super(detail);
        this.problem = problem;
        this.errors = List.copyOf(errors);
    }

    Problems problem() {
        return problem;
    }

    List<Problems.FieldProblem> errors() {
        return errors;
    }
}
