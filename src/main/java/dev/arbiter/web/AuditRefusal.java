package dev.arbiter.web;

import java.util.List;

/** A refused audit, review, replay or query request: the problem code says what kind, nothing was changed. */
public final class AuditRefusal extends RuntimeException {

    private final Problems problem;
    private final List<Problems.FieldProblem> errors;

    public AuditRefusal(Problems problem, String detail) {
        this(problem, detail, List.of());
    }

    public AuditRefusal(Problems problem, String detail, List<Problems.FieldProblem> errors) {
        super(detail);
        this.problem = problem;
        this.errors = List.copyOf(errors);
    }

    public Problems problem() {
        return problem;
    }

    public List<Problems.FieldProblem> errors() {
        return errors;
    }
}
