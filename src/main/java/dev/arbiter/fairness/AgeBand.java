package dev.arbiter.fairness;

/** Age bands of fairness reports: under 25, 25 to 61, 62 and over (the US Regulation B "elderly" age). */
public final class AgeBand {

    public static final String YOUNG = "<25";
    public static final String MIDDLE = "25-61";
    public static final String OLDER = "62+";

    private AgeBand() {}

    public static String of(int age) {
        return age < 25 ? YOUNG : age <= 61 ? MIDDLE : OLDER;
    }
}
