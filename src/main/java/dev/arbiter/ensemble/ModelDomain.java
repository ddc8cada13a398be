package dev.arbiter.ensemble;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a model's answers can be trusted: the products, currencies, amounts and terms it was
 * built on, and the inputs it needs. An answer for an application outside it is an
 * extrapolation: flagged, its confidence cut, a second opinion asked, and never a denial's
 * only ground ({@code decision.Guardrails}). Empty sets and null bounds admit everything.
 */
public record ModelDomain(
        Set<Product> products,
        Set<String> currencies,
        BigDecimal minAmount,
        BigDecimal maxAmount,
        Integer minTermMonths,
        Integer maxTermMonths,
        List<String> requires) {

    /** A model that declares no domain: every application is inside it. */
    public static final ModelDomain ANY = new ModelDomain(Set.of(), Set.of(), null, null, null, null, List.of());

    /** An out-of-domain answer keeps this share of its confidence. */
    public static final double CONFIDENCE_FACTOR = 0.5;

    public ModelDomain {
        products = Set.copyOf(products);
        currencies = Set.copyOf(currencies);
        requires = List.copyOf(requires);
    }

    /** Why the application is outside the domain, one entry per reason; empty when inside. */
    public List<String> outside(Application application, ModelInput input) {
        List<String> why = new ArrayList<>();
        if (!products.isEmpty() && !products.contains(application.product())) {
            why.add("product " + application.product());
        }
        if (!currencies.isEmpty() && !currencies.contains(application.currency())) {
            why.add("currency " + application.currency());
        }
        BigDecimal amount = application.requestedAmount();
        if (amount != null
                && ((minAmount != null && amount.compareTo(minAmount) < 0)
                        || (maxAmount != null && amount.compareTo(maxAmount) > 0))) {
            why.add("amount " + amount.toPlainString());
        }
        int term = application.termMonths();
        if ((minTermMonths != null && term < minTermMonths) || (maxTermMonths != null && term > maxTermMonths)) {
            why.add("term " + term + " months");
        }
        for (String required : requires) {
            if (input.get(required).isEmpty()) {
                why.add("no " + required);
            }
        }
        return why;
    }
}
