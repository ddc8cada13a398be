package dev.arbiter.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Says where Arbiter listens once it is ready to decide. */
@Component
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            int port = web.getWebServer().getPort();
            log.info(
                    "Arbiter is ready at http://localhost:{} (try: ARBITER_URL=http://localhost:{} "
                            + "scripts/arbiter-curl POST /v1/decisions examples/application.json)",
                    port,
                    port);
        }
    }
}
