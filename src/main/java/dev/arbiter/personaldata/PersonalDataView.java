package dev.arbiter.personaldata;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arbiter.decision.PersonalData;

/**
 * Personal data as an answer shows it: in clear for auditors, masked for every other role
 * (initials, the last characters of ids and numbers, the e-mail domain).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonalDataView(String name, String nationalId, String email, String phone, boolean masked) {

    public static PersonalDataView of(PersonalData data, boolean clear) {
        if (data == null) {
            return null;
        }
        if (clear) {
            return new PersonalDataView(data.name(), data.nationalId(), data.email(), data.phone(), false);
        }
        return new PersonalDataView(
                maskName(data.name()),
                tail(data.nationalId(), 2),
                maskEmail(data.email()),
                tail(data.phone(), 2),
                true);
    }

    private static String maskName(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String word : name.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(word.charAt(0)).append("***");
            }
        }
        return out.toString();
    }

    private static String tail(String value, int shown) {
        if (value == null) {
            return null;
        }
        return value.length() <= shown * 2 ? "***" : "***" + value.substring(value.length() - shown);
    }

    private static String maskEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at < 1 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
