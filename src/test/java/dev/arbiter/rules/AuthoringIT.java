package dev.arbiter.rules;

import dev.arbiter.ArbiterIT;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link ArbiterIT} for tests that activate and shadow ruleset versions: an instance of its
 * own, so the other integration tests keep deciding under the shipped rules.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ArbiterIT
@TestPropertySource(properties = "arbiter.rulesets.sync-interval=3s")
public @interface AuthoringIT {}
