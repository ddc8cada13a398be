package dev.arbiter.ensemble;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The deadline and cost budget one decision's model work runs under, shared by its chains.
 * Time is measured on the monotonic clock, so a wall-clock step cannot stretch a deadline.
 */
final class DecisionLimits {

    private final long deadlineNanos;
    private BigDecimal remainingBudget;

    DecisionLimits(Duration deadline, BigDecimal budget) {
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
        this.remainingBudget = budget;
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** Takes {@code cost} from the budget if it fits; a call that would overspend is not made. */
    synchronized boolean reserve(BigDecimal cost) {
        if (cost.compareTo(remainingBudget) > 0) {
            return false;
        }
        remainingBudget = remainingBudget.subtract(cost);
        return true;
    }

    synchronized BigDecimal remainingBudget() {
        return remainingBudget;
    }
}
