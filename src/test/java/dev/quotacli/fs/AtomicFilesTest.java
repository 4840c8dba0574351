package dev.quotacli.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesContentAndLeavesNoTempFile() throws Exception {
    Path target = dir.resolve("aws_quota_limits.prom");
    Files.writeString(target, "old\n");

    AtomicFiles.write(target, "new\n".getBytes(StandardCharsets.UTF_8), AtomicFiles.FILE_PUBLIC);

    assertThat(target).hasContent("new");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void failedWriteKeepsThePreviousFile() throws Exception {
    Path target = dir.resolve("sub").resolve("x.prom");

    assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1}, AtomicFiles.FILE_PUBLIC))
        .isInstanceOf(java.io.IOException.class);
    assertThat(dir.resolve("sub")).doesNotExist();
  }

  @Test
  void failedRenameRemovesTheTempFile() throws Exception {
    // The target is a non-empty directory, so the rename fails after the temp file was written.
    Path target = dir.resolve("busy.prom");
    Files.createDirectories(target.resolve("child"));

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target, "x".getBytes(StandardCharsets.UTF_8), AtomicFiles.FILE_PUBLIC))
        .isInstanceOf(java.io.IOException.class);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }
}
