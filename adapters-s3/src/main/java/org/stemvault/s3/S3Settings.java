package org.stemvault.s3;

import java.net.URI;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * Where the bucket is and how to reach it: the endpoint (AWS, Cloudflare R2, MinIO, any
 * S3-compatible server), region, bucket, credentials, path-style or virtual-host addressing, and an
 * optional key prefix under which every media key is kept.
 */
public record S3Settings(
        URI endpoint,
        String region,
        String bucket,
        String accessKey,
        String secretKey,
        boolean pathStyle,
        String prefix) {

    public S3Settings {
        Checks.required("endpoint", endpoint);
        if (endpoint.getScheme() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))
                || endpoint.getHost() == null) {
            throw new Invalid("endpoint", "must be an http or https URL with a host");
        }
        region = region == null || region.isBlank() ? "us-east-1" : region.strip();
        Checks.text("bucket", bucket, 63);
        Checks.text("access_key", accessKey, 256);
        Checks.text("secret_key", secretKey, 256);
        prefix = prefix == null ? "" : prefix.strip();
        if (prefix.startsWith("/") || prefix.contains("//")) {
            throw new Invalid("prefix", "must be relative, like stemvault/ or empty");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
    }

    @Override
    public String toString() {
        // Never the secret: settings end up in logs and failure messages.
        return "S3Settings[endpoint="
                + endpoint
                + ", region="
                + region
                + ", bucket="
                + bucket
                + ", pathStyle="
                + pathStyle
                + ", prefix="
                + prefix
                + "]";
    }
}
