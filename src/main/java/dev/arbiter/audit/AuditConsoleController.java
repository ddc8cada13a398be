package dev.arbiter.audit;

import dev.arbiter.web.AuditRefusal;
import dev.arbiter.web.DecisionNotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's audit screens, for auditors (as {@code /v1/audit/**}, replay and the
 * adverse-action notice are): the chain's verification with the first broken record linked to
 * its decision, the signed checkpoints, the public key, retention and the last purge; a
 * decision's replay (an htmx fragment on the decision page) and its printable adverse-action
 * notice. Each answers from the same services as the API.
 */
@Controller
class AuditConsoleController {

    private final JdbcChainVerification verification;
    private final JdbcCheckpoints checkpoints;
    private final SigningKey key;
    private final JdbcPurge purge;
    private final RetentionPolicy retention;
    private final ReplayController replays;
    private final AdverseActionController notices;
    private final JdbcClient jdbc;

    AuditConsoleController(
            JdbcChainVerification verification,
            JdbcCheckpoints checkpoints,
            SigningKey key,
            JdbcPurge purge,
            RetentionPolicy retention,
            ReplayController replays,
            AdverseActionController notices,
            JdbcClient jdbc) {
        this.verification = verification;
        this.checkpoints = checkpoints;
        this.key = key;
        this.purge = purge;
        this.retention = retention;
        this.replays = replays;
        this.notices = notices;
        this.jdbc = jdbc;
    }

    /** The audit screen; with {@code verify} in the query it verifies the whole chain first. */
    @GetMapping("/console/audit")
    @PreAuthorize("hasRole('AUDITOR')")
    String audit(@RequestParam(required = false) String verify, Model model) {
        if (verify != null) {
            VerifyReport report = verification.verify(null, null);
            model.addAttribute("report", report);
            Finding problem = report.problem();
            if (problem != null && problem.subjectId() != null) {
                model.addAttribute("brokenDecision", decisionOf(problem));
            }
        }
        model.addAttribute("checkpoints", checkpoints.recent(20));
        model.addAttribute("keyId", key.keyId());
        model.addAttribute("publicKeyPem", key.publicKeyPem());
        model.addAttribute("retentionRules", retention.rules());
        model.addAttribute("retentionFallback", retention.fallback());
        model.addAttribute("retention", purge.status());
        model.addAttribute("lastRun", purge.lastRun().orElse(null));
        return "console/audit/audit";
    }

    /** The decision a broken link belongs to: the record itself, or the decision an event was appended to. */
    private UUID decisionOf(Finding problem) {
        if (ChainRecords.DECISION.equals(problem.subjectKind())) {
            return problem.subjectId();
        }
        return jdbc.sql("select decision_id from decision_event where id = ?")
                .param(problem.subjectId())
                .query(UUID.class)
                .optional()
                .orElse(null);
    }

    /** Replays the decision under its recorded ruleset: "identical", or the fields that differ (an htmx fragment). */
    @PostMapping("/console/decisions/{id}/replay")
    @PreAuthorize("hasRole('AUDITOR')")
    String replay(@PathVariable UUID id, Model model) {
        try {
            model.addAttribute("replay", replays.replay(id, null));
        } catch (AuditRefusal refused) {
            model.addAttribute("refusal", refused.getMessage());
        }
        return "console/audit/replay :: result";
    }

    /** The adverse-action notice and plain-language explanation, laid out to print. */
    @GetMapping("/console/decisions/{id}/adverse-action")
    @PreAuthorize("hasRole('AUDITOR')")
    String adverseAction(@PathVariable UUID id, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("notice", notices.notice(id));
        } catch (DecisionNotFoundException missing) {
            model.addAttribute("id", id);
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "console/decisions/not-found";
        }
        return "console/audit/adverse-action";
    }
}
