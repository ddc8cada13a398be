package dev.arbiter.decision;

/**
 * The applicant's identifiers and contact data. They travel beside the {@link Application},
 * never inside it, so no rule or model can see them; they are stored encrypted and never
 * printed: {@link #toString()} names only which fields are present.
 */
public record PersonalData(String name, String nationalId, String email, String phone) {

    public boolean isEmpty() {
        return name == null && nationalId == null && email == null && phone == null;
    }

    @Override
    public String toString() {
        return "PersonalData[redacted" + (name != null ? ", name" : "") + (nationalId != null ? ", nationalId" : "")
                + (email != null ? ", email" : "") + (phone != null ? ", phone" : "") + "]";
    }
}
