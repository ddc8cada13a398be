package dev.arbiter.security;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The health of every component with its details, for a signed admin. {@code /actuator/health}
 * answers unsigned callers (load balancers, probes) and so says UP or DOWN and nothing more:
 * versions, circuit states and the chain's lag are for operators who proved who they are.
 */
@RestController
class HealthDetailsController {

    private final HealthEndpoint health;

    HealthDetailsController(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping(path = "/v1/admin/health", produces = MediaType.APPLICATION_JSON_VALUE)
    HealthDescriptor health() {
        return health.health();
    }
}
