package dev.quotacli.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.quotacli.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads and writes versioned JSON envelopes ({@code schemaVersion}, {@code fetchedAt}, {@code
 * data}) under a cache root: directories 0700, files 0600, writes atomic. Thread-safe.
 */
final class JsonStore {
  static final int SCHEMA_VERSION = 1;

  /**
   * The on-disk shape of every cache file.
   *
   * @param schemaVersion bumped when the shape of data changes; other versions read as corrupt
   * @param fetchedAt when the data was fetched from AWS
   * @param data the payload
   */
  record Envelope<T>(int schemaVersion, Instant fetchedAt, T data) {}

  /**
   * An envelope as read, before it is checked: what is missing reads as null.
   *
   * @param schemaVersion the version, or null
   * @param fetchedAt when fetched, as written, or null
   * @param data the payload, or null
   */
  record RawEnvelope<T>(Integer schemaVersion, String fetchedAt, T data) {}

  /**
   * One mapper for every store (configured once, thread-safe): building one and its deserializers
   * per cache class cost more than a warm pass's reads.
   */
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final ObjectMapper mapper = MAPPER;
  private final Clock clock;

  JsonStore(Clock clock) {
    this.clock = clock;
  }

  Clock clock() {
    return clock;
  }

  <T> Lookup<T> read(Path file, Class<T> dataType, Duration ttl) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Lookup.Missing<>();
    } catch (IOException e) {
      return new Lookup.Corrupt<>(file + ": cannot read: " + e.getMessage());
    }
    Instant fetchedAt;
    T data;
    try {
      // Straight into the records (no tree in between: a warm pass reads thousands of files).
      RawEnvelope<T> root =
          mapper.readValue(
              bytes, mapper.getTypeFactory().constructParametricType(RawEnvelope.class, dataType));
      if (root == null || root.schemaVersion() == null || root.schemaVersion() != SCHEMA_VERSION) {
        return new Lookup.Corrupt<>(file + ": unknown cache schema version");
      }
      if (root.fetchedAt() == null || root.data() == null) {
        return new Lookup.Corrupt<>(file + ": missing fetchedAt or data");
      }
      fetchedAt = Instant.parse(root.fetchedAt());
      data = root.data();
    } catch (JsonProcessingException e) {
      if (otherSchemaVersion(bytes)) {
        return new Lookup.Corrupt<>(file + ": unknown cache schema version");
      }
      return new Lookup.Corrupt<>(file + ": not valid cache JSON: " + shortReason(e));
    } catch (IOException | RuntimeException e) {
      return new Lookup.Corrupt<>(file + ": cannot read: " + e.getMessage());
    }
    Instant now = clock.instant();
    boolean fresh = !fetchedAt.isAfter(now.plusSeconds(300)) && fetchedAt.plus(ttl).isAfter(now);
    return fresh ? new Lookup.Fresh<>(data, fetchedAt) : new Lookup.Stale<>(data, fetchedAt);
  }

  /** Whether a file that did not read is valid JSON of another schema version (another shape). */
  private boolean otherSchemaVersion(byte[] bytes) {
    try {
      JsonNode root = mapper.readTree(bytes);
      return root != null
          && root.path("schemaVersion").isInt()
          && root.path("schemaVersion").intValue() != SCHEMA_VERSION;
    } catch (IOException e) {
      return false;
    }
  }

  private static String shortReason(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    int hint = m.indexOf(" (set ");
    return (hint > 0 ? m.substring(0, hint) : m).lines().findFirst().orElse("");
  }

  <T> void write(Path file, T data, Instant fetchedAt) throws IOException {
    AtomicFiles.createDirectories(file.getParent(), AtomicFiles.DIR_PRIVATE);
    byte[] json = mapper.writeValueAsBytes(new Envelope<>(SCHEMA_VERSION, fetchedAt, data));
    AtomicFiles.write(file, json, AtomicFiles.FILE_PRIVATE);
  }
}
