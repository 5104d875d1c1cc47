package org.stemvault.s3;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stemvault.domain.Unavailable;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.StoredMedia;

/**
 * Media in an S3-compatible bucket, one object per key (under the configured prefix), in the layout
 * of the system we replace: {@code inputs/<profile>/<file>} and {@code
 * <profile>/<output_name>/<file>}. A write of unknown length goes up as a multipart upload in
 * {@link #PART_SIZE} parts, never whole in memory; S3 makes an object visible only once complete. A
 * store that cannot be reached is {@link Unavailable}, never "not found".
 */
public final class S3MediaStore implements MediaStore {

    /** The part size of a multipart upload: S3's minimum is 5 MiB. */
    static final long PART_SIZE = 8L * 1024 * 1024;

    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject", "NotFound");

    private final MinioClient client;
    private final S3Settings settings;

    public S3MediaStore(S3Settings settings) {
        this.settings = settings;
        MinioClient built =
                MinioClient.builder()
                        .endpoint(settings.endpoint().toString())
                        .region(settings.region())
                        .credentials(settings.accessKey(), settings.secretKey())
                        .build();
        if (settings.pathStyle()) {
            built.disableVirtualStyleEndpoint();
        } else {
            built.enableVirtualStyleEndpoint();
        }
        this.client = built;
    }

    /**
     * Checks that the bucket answers, creating it when {@code create} and it does not exist yet;
     * the reason otherwise, naming the bucket and endpoint but never a credential.
     */
    public void checkBucket(boolean create) {
        try {
            boolean exists =
                    client.bucketExists(
                            BucketExistsArgs.builder()
                                    .bucket(settings.bucket())
                                    .region(settings.region())
                                    .build());
            if (!exists && create) {
                client.makeBucket(
                        MakeBucketArgs.builder()
                                .bucket(settings.bucket())
                                .region(settings.region())
                                .build());
            } else if (!exists) {
                throw new IllegalStateException(
                        "the bucket '"
                                + settings.bucket()
                                + "' does not exist at "
                                + settings.endpoint());
            }
        } catch (MinioException | GeneralSecurityException | IOException e) {
            throw new IllegalStateException(
                    "the media bucket '"
                            + settings.bucket()
                            + "' at "
                            + settings.endpoint()
                            + " cannot be used: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The object name of a key: the prefix, then the key. */
    String object(MediaKey key) {
        return settings.prefix() + key.value();
    }

    @Override
    public Optional<StoredMedia> find(MediaKey key) {
        String object = object(key);
        try {
            StatObjectResponse stat =
                    client.statObject(
                            StatObjectArgs.builder()
                                    .bucket(settings.bucket())
                                    .object(object)
                                    .build());
            return Optional.of(
                    new StoredObject(
                            object, stat.size(), stat.lastModified().toInstant(), tag(stat)));
        } catch (ErrorResponseException e) {
            if (MISSING.contains(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw unavailable(e);
        } catch (MinioException | GeneralSecurityException | IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public long write(MediaKey key, InputStream content) throws IOException {
        Counting counted = new Counting(content);
        call(
                () ->
                        client.putObject(
                                PutObjectArgs.builder()
                                        .bucket(settings.bucket())
                                        .object(object(key))
                                        .stream(counted, -1, PART_SIZE)
                                        .build()));
        return counted.count;
    }

    @Override
    public void move(MediaKey from, MediaKey to) throws IOException {
        call(
                () ->
                        client.copyObject(
                                CopyObjectArgs.builder()
                                        .bucket(settings.bucket())
                                        .object(object(to))
                                        .source(
                                                CopySource.builder()
                                                        .bucket(settings.bucket())
                                                        .object(object(from))
                                                        .build())
                                        .build()));
        delete(from);
    }

    @Override
    public void delete(MediaKey key) throws IOException {
        call(
                () -> {
                    client.removeObject(
                            RemoveObjectArgs.builder()
                                    .bucket(settings.bucket())
                                    .object(object(key))
                                    .build());
                    return null;
                });
    }

    /**
     * Compares size and entity tag, computed from the local file as this store uploads it: the MD5
     * of the bytes for a file of one part, else the MD5 of the parts' MD5s and {@code -<parts>}. No
     * byte is downloaded.
     */
    @Override
    public boolean holds(MediaKey key, Path file) throws IOException {
        Optional<StoredMedia> stored = find(key);
        long size = Files.size(file);
        return stored.isPresent()
                && stored.get().size() == size
                && stored.get().tag().equalsIgnoreCase(etagOf(file, size));
    }

    static String etagOf(Path file, long size) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            if (size <= PART_SIZE) {
                return HexFormat.of().formatHex(md5(in, PART_SIZE));
            }
            MessageDigest parts = MessageDigest.getInstance("MD5");
            int count = 0;
            for (long left = size; left > 0; left -= PART_SIZE) {
                parts.update(md5(in, Math.min(left, PART_SIZE)));
                count++;
            }
            return HexFormat.of().formatHex(parts.digest()) + "-" + count;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] md5(InputStream in, long length)
            throws IOException, NoSuchAlgorithmException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] buffer = new byte[65536];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            md5.update(buffer, 0, n);
            left -= n;
        }
        return md5.digest();
    }

    @Override
    public List<Listed> list(String folder) throws IOException {
        String prefix =
                settings.prefix() + (folder.isEmpty() ? "" : new MediaKey(folder).value() + "/");
        List<Listed> listed = new ArrayList<>();
        for (Result<Item> result :
                client.listObjects(
                        ListObjectsArgs.builder()
                                .bucket(settings.bucket())
                                .prefix(prefix)
                                .recursive(true)
                                .build())) {
            Item item = call(result::get);
            if (!item.isDir()) {
                listed.add(
                        new Listed(
                                new MediaKey(
                                        item.objectName().substring(settings.prefix().length())),
                                item.lastModified().toInstant()));
            }
        }
        return listed;
    }

    @Override
    public Optional<URI> uploadLink(MediaKey key, Duration validFor) {
        return Optional.of(presign(Method.PUT, object(key), validFor, Map.of()));
    }

    /** A presigned URL: the signature, not a credential, travels with it. */
    private URI presign(
            Method method, String object, Duration validFor, Map<String, String> query) {
        try {
            return URI.create(
                    client.getPresignedObjectUrl(
                            GetPresignedObjectUrlArgs.builder()
                                    .method(method)
                                    .bucket(settings.bucket())
                                    .object(object)
                                    .expiry((int) Math.max(1, validFor.toSeconds()))
                                    .extraQueryParams(query)
                                    .build()));
        } catch (MinioException | GeneralSecurityException | IOException e) {
            throw unavailable(e);
        }
    }

    private static String tag(StatObjectResponse stat) {
        String etag = stat.etag() == null ? "" : stat.etag().replace("\"", "");
        return etag.isEmpty()
                ? Long.toHexString(stat.size())
                        + "-"
                        + Long.toHexString(stat.lastModified().toInstant().toEpochMilli())
                : etag;
    }

    private Unavailable unavailable(Exception e) {
        return new Unavailable(
                "the media store at " + settings.endpoint() + " cannot be reached: " + e, e);
    }

    /** A call of the client, its failures as the port's {@link IOException}. */
    private interface Call<T> {
        T run() throws MinioException, GeneralSecurityException, IOException;
    }

    private static <T> T call(Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** An object as {@link #find} saw it; its bytes are read with a ranged GET. */
    private final class StoredObject implements StoredMedia {

        private final String object;
        private final long size;
        private final Instant lastModified;
        private final String tag;

        StoredObject(String object, long size, Instant lastModified, String tag) {
            this.object = object;
            this.size = size;
            this.lastModified = lastModified;
            this.tag = tag;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public Instant lastModified() {
            return lastModified;
        }

        @Override
        public String tag() {
            return tag;
        }

        @Override
        public Optional<URI> link(Duration validFor, String contentType) {
            return Optional.of(
                    presign(
                            Method.GET,
                            object,
                            validFor,
                            Map.of(
                                    "response-content-type",
                                    contentType,
                                    "response-cache-control",
                                    "private")));
        }

        /** One ranged GET of just those bytes. */
        @Override
        public InputStream open(long offset, long length) throws IOException {
            if (offset >= size || length <= 0) {
                return InputStream.nullInputStream(); // S3 refuses a range that starts at the end
            }
            return call(
                    () ->
                            client.getObject(
                                    GetObjectArgs.builder()
                                            .bucket(settings.bucket())
                                            .object(object)
                                            .offset(offset)
                                            .length(Math.min(length, size - offset))
                                            .build()));
        }

        @Override
        public InputStream open(long offset) throws IOException {
            return open(offset, size - offset);
        }
    }

    /** Counts the bytes read through it. */
    private static final class Counting extends FilterInputStream {

        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
