package org.stemvault.bootstrap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.UserId;

/** Session tokens as the service signs them, for tests that are not about the login itself. */
final class TestSessions {

    private TestSessions() {}

    /** A token for the session, which the caller has opened (or not, to test a refusal). */
    static String token(UserId user, SessionId session) {
        return token(user, session, new Date(System.currentTimeMillis() + 3_600_000));
    }

    /** The viewer a token of ours names: its user and session. */
    static org.stemvault.domain.library.Viewer viewer(String token) {
        try {
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            return new org.stemvault.domain.library.Viewer(
                    new UserId(java.util.UUID.fromString(claims.getSubject())),
                    new SessionId(java.util.UUID.fromString(claims.getStringClaim("sid"))));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #token(UserId, SessionId)}, expiring at {@code expiry}. */
    static String token(UserId user, SessionId session, Date expiry) {
        try {
            JWTClaimsSet claims =
                    new JWTClaimsSet.Builder()
                            .subject(user.toString())
                            .claim("sid", session.toString())
                            .issuer("stemvault")
                            .issueTime(new Date())
                            .expirationTime(expiry)
                            .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(TestApp.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
