package dev.quotacli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GoldensTest {
  @Test
  void everyGoldenFileIsRegisteredAndEveryRegisteredOneExists() throws Exception {
    try (var files = Files.list(Goldens.DIR)) {
      assertThat(files.map(Path::getFileName).map(Path::toString))
          .containsExactlyInAnyOrderElementsOf(
              Goldens.ALL.stream().map(Goldens.Golden::file).toList());
    }
  }
}
