package dev.arbiter.stream;

import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Product;
import java.util.Arrays;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's live page ({@code /console/live}): decisions appear as they are committed,
 * over the live feed's WebSocket ({@code /console/stream}, the person's session, same origin
 * only), masked as the person's role reads decisions. The filter is in the query string, so a
 * filtered feed is a link; {@code live.js} subscribes with it and renders each decision as text.
 */
@Controller
class LiveConsoleController {

    @GetMapping("/console/live")
    @PreAuthorize("hasAnyRole('AUDITOR','REVIEWER')")
    String live(
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String product,
            Model model) {
        model.addAttribute("outcomes", Outcome.values());
        model.addAttribute("products", Product.values());
        // only known values reach the page's data attributes; anything else is no condition
        model.addAttribute(
                "outcome",
                Arrays.stream(Outcome.values())
                        .map(Enum::name)
                        .filter(o -> o.equals(outcome))
                        .findFirst()
                        .orElse(""));
        model.addAttribute(
                "product",
                Arrays.stream(Product.values())
                        .map(Enum::name)
                        .filter(p -> p.equals(product))
                        .findFirst()
                        .orElse(""));
        return "console/stream/live";
    }
}
