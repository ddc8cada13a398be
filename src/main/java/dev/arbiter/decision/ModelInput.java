package dev.arbiter.decision;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The flat, named view of an application and its features that a model is allowed to see:
 * numbers, strings and booleans under dotted names such as {@code applicant.age} or
 * {@code attributes.checkingStatus}. Absent parts leave their names out. Built only from an
 * {@link Application} and its {@link Features}, so personal and monitoring data cannot leak in.
 */
public record ModelInput(SortedMap<String, Object> values) {

    public ModelInput {
        values = Collections.unmodifiableSortedMap(values instanceof Built ? values : new TreeMap<>(values));
    }

    /**
     * The map {@link #of} fills and hands straight to the constructor: no one else ever holds
     * it, so it needs no defensive copy (a model input is built for every decision).
     */
    private static final class Built extends TreeMap<String, Object> {}

    public static ModelInput of(Application app, Features features) {
        TreeMap<String, Object> v = new Built();
        v.put("product", app.product().name());
        v.put("requestedAmount", app.requestedAmount());
        v.put("currency", app.currency());
        v.put("termMonths", app.termMonths());
        putIfPresent(v, "purpose", app.purpose());
        v.put("dataRegion", app.dataRegion());

        Applicant a = app.applicant();
        v.put("applicant.age", a.age());
        v.put("applicant.monthlyIncome", a.monthlyIncome());
        v.put("applicant.employmentMonths", a.employmentMonths());
        putIfPresent(
                v, "applicant.housing", a.housing() == null ? null : a.housing().name());
        v.put("applicant.dependents", a.dependents());

        CreditFile f = app.creditFile();
        v.put("creditFile.present", f != null);
        if (f != null) {
            v.put("creditFile.historyMonths", f.historyMonths());
            v.put("creditFile.openTradelines", f.openTradelines());
            v.put("creditFile.delinquencies", f.delinquencies());
            v.put("creditFile.derogatoryMarks", f.derogatoryMarks());
            v.put("creditFile.inquiriesLast6Months", f.inquiriesLast6Months());
            putIfPresent(v, "creditFile.monthlyDebtPayments", f.monthlyDebtPayments());
            putIfPresent(v, "creditFile.bureauScore", f.bureauScore());
        }
        AlternativeData alt = app.alternativeData();
        if (alt != null) {
            putIfPresent(v, "alternativeData.monthlyInflow", alt.monthlyInflow());
            putIfPresent(v, "alternativeData.monthlyOutflow", alt.monthlyOutflow());
            putIfPresent(v, "alternativeData.accountAgeMonths", alt.accountAgeMonths());
            putIfPresent(v, "alternativeData.overdraftsLast12Months", alt.overdraftsLast12Months());
            putIfPresent(v, "alternativeData.onTimeRentRatio", alt.onTimeRentRatio());
            putIfPresent(v, "alternativeData.onTimeUtilityRatio", alt.onTimeUtilityRatio());
        }
        Device d = app.device();
        if (d != null) {
            putIfPresent(v, "device.ipCountry", d.ipCountry());
            putIfPresent(v, "device.deviceAgeDays", d.deviceAgeDays());
            putIfPresent(v, "device.emailAgeDays", d.emailAgeDays());
        }
        app.attributes().values().forEach((name, value) -> v.put("attributes." + name, value));

        v.put("features.monthlyPayment", features.monthlyPayment());
        v.put("features.debtToIncome", features.debtToIncome());
        v.put("features.paymentToIncome", features.paymentToIncome());
        v.put("features.thinFile", features.thinFile());
        v.put("features.creditHistory", features.creditHistory().name());
        putIfPresent(v, "features.netMonthlyCashFlow", features.netMonthlyCashFlow());
        return new ModelInput(v);
    }

    private static void putIfPresent(Map<String, Object> v, String name, Object value) {
        if (value != null) {
            v.put(name, value);
        }
    }

    public Optional<Object> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public Optional<Double> number(String name) {
        Object value = values.get(name);
        if (value instanceof BigDecimal b) {
            return Optional.of(b.doubleValue());
        }
        return value instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    public Optional<String> text(String name) {
        Object value = values.get(name);
        return value instanceof String || value instanceof Boolean ? Optional.of(value.toString()) : Optional.empty();
    }
}
