package dev.arbiter.console;

import dev.arbiter.audit.ChainStatus;
import dev.arbiter.decision.Outcome;
import dev.arbiter.ensemble.EnsembleStatus;
import dev.arbiter.recording.DecisionCounts;
import dev.arbiter.recording.JdbcDecisionEvents;
import dev.arbiter.rules.RulesetAuthoring;
import dev.arbiter.rules.RulesetStatus;
import dev.arbiter.rules.RulesetVersion;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Home, for every role: the active ruleset and ensemble versions, today's decisions by
 * outcome, the open reviews, each model's circuit and error rate on this node, and how far the
 * audit chain is behind. It shows
 * the pattern of every screen: a controller in the module that owns the data, reading it
 * through that module's public service, and a template rendered into the layout.
 */
@Controller
class HomeController {

    private final RulesetAuthoring rulesets;
    private final DecisionCounts decisions;
    private final EnsembleStatus ensemble;
    private final JdbcDecisionEvents events;
    private final ChainStatus chain;
    private final Clock clock;

    HomeController(
            RulesetAuthoring rulesets,
            DecisionCounts decisions,
            EnsembleStatus ensemble,
            JdbcDecisionEvents events,
            ChainStatus chain,
            Clock clock) {
        this.rulesets = rulesets;
        this.decisions = decisions;
        this.ensemble = ensemble;
        this.events = events;
        this.chain = chain;
        this.clock = clock;
    }

    @GetMapping("/console")
    String home(Model model) {
        RulesetVersion active = rulesets.list().stream()
                .filter(v -> v.status() == RulesetStatus.ACTIVE)
                .findFirst()
                .orElse(null);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Instant from = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<Outcome, Long> counts = decisions.byOutcome(from, from.plusSeconds(86_400));
        model.addAttribute("active", active);
        model.addAttribute("today", today);
        model.addAttribute("counts", counts);
        model.addAttribute(
                "total", counts.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute("ensembleVersion", ensemble.version());
        model.addAttribute("models", ensemble.models());
        model.addAttribute("openReviews", events.openCount());
        model.addAttribute("chain", chain.now());
        return "console/home";
    }
}
