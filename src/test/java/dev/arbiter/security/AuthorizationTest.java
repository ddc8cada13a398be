package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorizationTest {

    @Test
    void aVariableMatchesOneSegmentAndATrailingDoubleStarAnyRest() {
        assertThat(Authorization.matches("/v1/decisions/{id}", "/v1/decisions/abc"))
                .isTrue();
        assertThat(Authorization.matches("/v1/decisions/{id}", "/v1/decisions/abc/replay"))
                .isFalse();
        assertThat(Authorization.matches("/v1/decisions/{id}", "/v1/decisions")).isFalse();
        assertThat(Authorization.matches("/v1/audit/**", "/v1/audit")).isTrue();
        assertThat(Authorization.matches("/v1/audit/**", "/v1/audit/verify")).isTrue();
        assertThat(Authorization.matches("/v1/audit/**", "/v1/auditx")).isFalse();
    }

    @Test
    void anEndpointNoRuleListsIsRefusedToEveryRole() {
        for (Role role : Role.values()) {
            var refusal = Authorization.check(role, "GET", "/v1/not-listed");
            assertThat(refusal).isPresent();
            assertThat(refusal.get().failure()).isEqualTo(AuthFailure.ROLE_NOT_ALLOWED);
            assertThat(refusal.get().detail()).contains("no role may call it");
        }
    }

    @Test
    void aRefusalNamesTheRolesThatAreAllowed() {
        var refusal = Authorization.check(Role.ANALYST, "POST", "/v1/decisions");

        assertThat(refusal.orElseThrow().detail())
                .isEqualTo("Role analyst may not call POST /v1/decisions; allowed roles: originator.");
    }

    @Test
    void approversApproveButDoNotDraftAndAnalystsDraftButDoNotApprove() {
        assertThat(Authorization.check(Role.APPROVER, "POST", "/v1/rulesets/abc/approve"))
                .isEmpty();
        assertThat(Authorization.check(Role.APPROVER, "POST", "/v1/rulesets")).isPresent();
        assertThat(Authorization.check(Role.ANALYST, "POST", "/v1/rulesets")).isEmpty();
        assertThat(Authorization.check(Role.ANALYST, "POST", "/v1/rulesets/abc/activate"))
                .isPresent();
    }
}
