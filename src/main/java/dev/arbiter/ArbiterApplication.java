package dev.arbiter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableAsync;

/** Arbiter: a rules-driven credit decision engine. */
@SpringBootApplication
@EnableConfigurationProperties(ArbiterProperties.class)
@EnableAsync
public class ArbiterApplication {
    public static void main(String[] args) {
        SpringApplication.run(ArbiterApplication.class, args);
    }
}
