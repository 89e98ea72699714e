package dev.authbridge.password;

import dev.authbridge.directory.PasswordChangeResult;
import dev.authbridge.directory.PasswordReason;
import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A password change refused: 403 "Unable to update password: …" whose code is the reason (a
 * {@link PasswordReason}, or one of authbridge's own), with the warning the directory gave, if
 * any. The one problem listed names the reason and its message alone.
 */
public class PasswordChangeRefusedException extends DomainException {
    static final String UNABLE = "Unable to update password";

    private final Problem refusal;

    private PasswordChangeRefusedException(String reason, String message, Map<String, Object> details) {
        super(new Problem(403, reason, UNABLE + ": " + message, details));
        this.refusal = Problem.of(403, reason, message);
    }

    /** authbridge's own refusal, before the directory was asked. */
    static PasswordChangeRefusedException of(String reason, String message) {
        return new PasswordChangeRefusedException(reason, message, Map.of());
    }

    /** The directory's refusal: reason, message, and any warning. */
    static PasswordChangeRefusedException of(PasswordChangeResult.Refused refused) {
        PasswordReason reason = refused.reason();
        Map<String, Object> details = new LinkedHashMap<>();
        if (refused.warning() != null) {
            details.putAll(refused.warning().detail());
            details.put("warning", refused.warning().message());
        }
        return new PasswordChangeRefusedException(reason.name(), reason.message(), details);
    }

    @Override
    public List<Problem> problems() {
        return List.of(refusal);
    }
}
