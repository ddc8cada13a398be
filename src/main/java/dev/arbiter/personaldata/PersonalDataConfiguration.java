package dev.arbiter.personaldata;

import dev.arbiter.security.MasterKey;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** Personal data sealed under the master key and stored beside the decision it belongs to. */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    @Bean
    PersonalDataCipher personalDataCipher(MasterKey master) {
        return new PersonalDataCipher(master);
    }

    @Bean
    JdbcPersonalData personalData(JdbcClient jdbc, PersonalDataCipher cipher, ObjectMapper json, Clock clock) {
        return new JdbcPersonalData(jdbc, cipher, json, clock);
    }
}
