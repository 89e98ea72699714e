package dev.authbridge.oauth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.web.FormBody;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenRequestTest {

    @Test
    void itsTextNamesNoCredential() {
        String fields = "grant_type=refresh_token"
                + "&username=agent&password=pass-word&refresh_token=refresh-value&code=code-value"
                + "&code_verifier=verifier-value&subject_token=subject-value&actor_token=actor-value"
                + "&assertion=assertion-value&scope=openid";
        FormBody form = FormBody.parse(fields + "&client_id=app&client_secret=form-secret");
        String basic = "Basic " + Base64.getEncoder().encodeToString("app:basic-secret".getBytes(StandardCharsets.UTF_8));

        String text = TokenRequest.parse(form, null).toString() + TokenRequest.parse(FormBody.parse(fields), basic).toString();

        for (String shown : new String[] {"grantType=refresh_token", "client=app", "username=agent", "scope=openid"}) {
            assertTrue(text.contains(shown), shown);
        }
        for (String secret : new String[] {"form-secret", "basic-secret", "pass-word", "refresh-value", "code-value",
                "verifier-value", "subject-value", "actor-value", "assertion-value"}) {
            assertFalse(text.contains(secret), secret);
        }
    }
}
