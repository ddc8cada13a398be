package dev.arbiter.rules;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/**
 * A new version as uploaded: text files by path ({@code risk.drl}, {@code reason-codes.csv},
 * {@code cases/deny-under-age.json}, ...), binary files such as XLSX decision tables
 * base64-encoded, and the version it was derived from.
 */
record RulesetUpload(
        @Pattern(regexp = "[0-9a-f]{64}", message = "is not a ruleset version")
        String parent,

        @NotEmpty Map<String, String> files,
        Map<String, String> binaryFiles) {}
