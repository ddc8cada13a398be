package dev.arbiter.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says plainly why the production profile will not start without a master key, and what to do. */
final class SecurityStartupFailure extends AbstractFailureAnalyzer<MissingMasterKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, MissingMasterKeyException e) {
        return new FailureAnalysis(
                "Arbiter refuses to start in the production profile without a master key: " + e.getMessage() + ".",
                "Set ARBITER_MASTER_KEY to the output of 'openssl rand -base64 32' (kept in your secret store), "
                        + "or ARBITER_MASTER_KEY_FILE to a file holding it, and start again. Keep the same key across "
                        + "restarts: it decrypts every client secret and personal-data key.",
                e);
    }
}
