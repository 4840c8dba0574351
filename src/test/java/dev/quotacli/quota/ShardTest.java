package dev.quotacli.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardTest {
  private static List<String> accounts(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(String.format("%012d", 100000000000L + i * 7919L));
    }
    return ids;
  }

  @Test
  void shardsAreDisjointAndTogetherCoverEveryAccount() {
    List<String> ids = accounts(1000);
    for (int n = 1; n <= 7; n++) {
      Map<String, Integer> owners = new HashMap<>();
      for (int i = 0; i < n; i++) {
        Shard shard = new Shard(i, n);
        for (String id : ids) {
          if (shard.owns(id)) {
            assertThat(owners.put(id, i)).as("account %s in two shards of %d", id, n).isNull();
          }
        }
      }
      assertThat(owners.keySet())
          .as("union of %d shards", n)
          .containsExactlyInAnyOrderElementsOf(ids);
    }
  }

  @Test
  void shardsAreRoughlyBalanced() {
    List<String> ids = accounts(4000);
    int[] sizes = new int[4];
    ids.forEach(id -> sizes[Shard.owner(id, 4)]++);
    for (int size : sizes) {
      assertThat(size).isBetween(850, 1150);
    }
  }

  @Test
  void addingAShardMovesOnlyAccountsToTheNewShard() {
    List<String> ids = accounts(3000);
    Set<String> moved = new HashSet<>();
    for (String id : ids) {
      int before = Shard.owner(id, 5);
      int after = Shard.owner(id, 6);
      if (before != after) {
        assertThat(after).as("a moved account goes to the new shard").isEqualTo(5);
        moved.add(id);
      }
    }
    // About 1/6 of the accounts move; nothing else does.
    assertThat(moved.size()).isBetween(400, 600);
  }

  @Test
  void parsesAndNamesShards() {
    assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
    assertThat(new Shard(2, 4).fileSuffix()).isEqualTo(".shard-2-of-4");
    assertThat(Shard.ALL.fileSuffix()).isEmpty();
    assertThatThrownBy(() -> Shard.parse("4/4")).hasMessageContaining("0 <= I < N");
    assertThatThrownBy(() -> Shard.parse("x")).hasMessageContaining("not I/N");
  }
}
