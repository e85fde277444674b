package io.kilowire.core.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
  static final Key<Integer> INTERVAL =
      Key.of("Interval", ValueType.integer(0, 3600), 60).readWrite().unit("s");
  static final Key<Integer> CONNECTORS =
      Key.of("Connectors", ValueType.integer(1, 8), 1).asConstant().mandatory();
  static final Key<String> PASSWORD = Key.of("Password", ValueType.string(40), "").writeOnly();
  static final Key<Integer> LEVEL =
      Key.of("Level", ValueType.integer(0, 3), 0).readWrite().rule(Rule.onlyIncrease());
  static final Key<Boolean> MODE =
      Key.of("Mode", ValueType.bool(), false).readWrite().requiringReboot();
  static final Key<Integer> COUNT = Key.of("Count", ValueType.integer(0, 10), 0).notPersisted();
  static final List<Key<?>> KEYS = List.of(INTERVAL, CONNECTORS, PASSWORD, LEVEL, MODE, COUNT);

  static Configuration config(ConfigurationStore store) {
    return Configuration.builder(KEYS).store(store).build();
  }

  static Configuration config() {
    return config(new InMemoryConfigurationStore());
  }

  @Nested
  class Definitions {
    @Test
    void aDefaultItsOwnTypeRejectsFailsAtDefinition() {
      assertThatThrownBy(() -> Key.of("Bad", ValueType.integer(1, 5), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Bad");
    }

    @Test
    void onlyPersistentNonConstantKeysAreStored() {
      assertThat(INTERVAL.stored()).isTrue();
      assertThat(CONNECTORS.stored()).isFalse();
      assertThat(COUNT.stored()).isFalse();
    }

    @Test
    void aConstantIsReadOnly() {
      assertThat(CONNECTORS.mutability()).isEqualTo(Mutability.READ_ONLY);
      assertThat(CONNECTORS.constant()).isTrue();
    }
  }

  @Nested
  class Reading {
    @Test
    void startsFromTheDefaults() {
      Configuration c = config();
      assertThat(c.get(INTERVAL)).isEqualTo(60);
      assertThat(c.text(INTERVAL)).isEqualTo("60");
    }

    @Test
    void theStationMakersValueReplacesTheDefault() {
      Configuration c = Configuration.builder(KEYS).initial(CONNECTORS, 4).build();
      assertThat(c.get(CONNECTORS)).isEqualTo(4);
      assertThat(c.definition(CONNECTORS).defaultValue()).isEqualTo(4);
    }

    @Test
    void aDroppedOptionalKeyIsUnknownAndReadsAsItsDefaultOnlyThroughGetOrDefault() {
      Configuration c = Configuration.builder(KEYS).without(INTERVAL).build();
      assertThat(c.key("Interval")).isEmpty();
      assertThat(c.getOrDefault(INTERVAL)).isEqualTo(60);
      assertThatThrownBy(() -> c.get(INTERVAL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequiredKeyCannotBeDropped() {
      assertThatThrownBy(() -> Configuration.builder(KEYS).without(CONNECTORS))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplacedDefinitionGovernsWrites() {
      Configuration c = Configuration.builder(KEYS).replace(INTERVAL.readOnly()).build();
      assertThat(c.write(INTERVAL, "30").status()).isEqualTo(WriteResult.Status.READ_ONLY);
    }
  }

  @Nested
  class WritesByTheCsms {
    @Test
    void aValidValueOfAReadWriteKeyIsAccepted() {
      Configuration c = config();
      assertThat(c.write(INTERVAL, "300")).isEqualTo(WriteResult.accepted());
      assertThat(c.get(INTERVAL)).isEqualTo(300);
    }

    @Test
    void aReadOnlyKeyIsRefused() {
      Configuration c = config();
      assertThat(c.write(CONNECTORS, "2")).isEqualTo(WriteResult.readOnly());
      assertThat(c.get(CONNECTORS)).isEqualTo(1);
    }

    @Test
    void aValueOutOfBoundsIsInvalidWithAReason() {
      WriteResult result = config().write(INTERVAL, "3601");
      assertThat(result.status()).isEqualTo(WriteResult.Status.INVALID);
      assertThat(result.reason()).contains("3600");
    }

    @Test
    void aWriteOnlyKeyCanBeWritten() {
      Configuration c = config();
      assertThat(c.write(PASSWORD, "secret").status()).isEqualTo(WriteResult.Status.ACCEPTED);
      assertThat(c.get(PASSWORD)).isEqualTo("secret");
    }

    @Test
    void aMalformedWriteOnlyValueIsNotEchoedInTheReason() {
      Key<Integer> pin = Key.of("Pin", ValueType.integer(0, 9999), 0).writeOnly();
      WriteResult result = Configuration.builder(List.of(pin)).build().write(pin, "12ab");
      assertThat(result.status()).isEqualTo(WriteResult.Status.INVALID);
      assertThat(result.reason()).doesNotContain("12ab");
    }

    @Test
    void aRuleCanRefuseAValueItsTypeAllows() {
      Configuration c = config();
      assertThat(c.write(LEVEL, "2").status()).isEqualTo(WriteResult.Status.ACCEPTED);
      assertThat(c.write(LEVEL, "1").status()).isEqualTo(WriteResult.Status.INVALID);
      assertThat(c.write(LEVEL, "2").status()).isEqualTo(WriteResult.Status.ACCEPTED);
      assertThat(c.get(LEVEL)).isEqualTo(2);
    }
  }

  @Nested
  class WritesByTheStation {
    @Test
    void ignoreMutability() {
      Configuration c = config();
      c.set(COUNT, 3);
      assertThat(c.get(COUNT)).isEqualTo(3);
    }

    @Test
    void stillPassTypeBoundsAndRules() {
      Configuration c = config();
      assertThatThrownBy(() -> c.set(COUNT, 11)).isInstanceOf(InvalidValueException.class);
      c.set(LEVEL, 3);
      assertThatThrownBy(() -> c.set(LEVEL, 2)).isInstanceOf(InvalidValueException.class);
    }
  }

  @Nested
  class RebootRequired {
    @Test
    void aNewValueIsStoredAndReportedButTakesEffectOnlyAfterRestart() {
      InMemoryConfigurationStore store = new InMemoryConfigurationStore();
      Configuration c = config(store);
      assertThat(c.write(MODE, "true")).isEqualTo(WriteResult.rebootRequired());
      assertThat(c.get(MODE)).isFalse();
      assertThat(c.configured(MODE)).isTrue();
      assertThat(c.text(MODE)).isEqualTo("true");
      assertThat(c.pendingReboot()).containsExactly("Mode");

      Configuration afterReboot = config(store);
      assertThat(afterReboot.get(MODE)).isTrue();
      assertThat(afterReboot.pendingReboot()).isEmpty();
    }

    @Test
    void settingTheValueInEffectAgainCancelsThePendingChange() {
      Configuration c = config();
      c.write(MODE, "true");
      assertThat(c.write(MODE, "false")).isEqualTo(WriteResult.accepted());
      assertThat(c.pendingReboot()).isEmpty();
    }

    @Test
    void listenersHearNothingUntilTheReboot() {
      Configuration c = config();
      List<Boolean> heard = new ArrayList<>();
      c.onChange(MODE, (old, now) -> heard.add(now));
      c.write(MODE, "true");
      assertThat(heard).isEmpty();
    }
  }

  @Nested
  class Listeners {
    @Test
    void hearTheOldAndNewValueAfterAChange() {
      Configuration c = config();
      List<String> heard = new ArrayList<>();
      c.onChange(INTERVAL, (old, now) -> heard.add(old + "->" + now));
      c.write(INTERVAL, "120");
      assertThat(heard).containsExactly("60->120");
    }

    @Test
    void hearNothingWhenTheValueStaysTheSame() {
      Configuration c = config();
      List<Integer> heard = new ArrayList<>();
      c.onChange(INTERVAL, (old, now) -> heard.add(now));
      c.write(INTERVAL, "60");
      assertThat(heard).isEmpty();
    }

    @Test
    void stopHearingAfterCancel() {
      Configuration c = config();
      List<Integer> heard = new ArrayList<>();
      Subscription s = c.onChange(INTERVAL, (old, now) -> heard.add(now));
      s.cancel();
      c.write(INTERVAL, "120");
      assertThat(heard).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotKeepTheOthersFromHearing() {
      Configuration c = config();
      List<String> heard = new ArrayList<>();
      c.onChange(
          INTERVAL,
          (old, now) -> {
            throw new IllegalStateException("boom");
          });
      c.onAnyChange(key -> heard.add(key.name()));
      assertThat(c.write(INTERVAL, "120")).isEqualTo(WriteResult.accepted());
      assertThat(heard).containsExactly("Interval");
    }
  }

  @Nested
  class Persistence {
    @Test
    void aChangeSurvivesARestart() {
      InMemoryConfigurationStore store = new InMemoryConfigurationStore();
      config(store).write(INTERVAL, "900");
      assertThat(config(store).get(INTERVAL)).isEqualTo(900);
    }

    @Test
    void eachChangeSavesTheWholeSnapshotOnce() {
      InMemoryConfigurationStore store = new InMemoryConfigurationStore();
      Configuration c = config(store);
      c.write(INTERVAL, "900");
      c.write(INTERVAL, "900");
      assertThat(store.saveCount()).isEqualTo(1);
      assertThat(store.load())
          .containsEntry("Interval", "900")
          .containsEntry("Password", "")
          .doesNotContainKeys("Connectors", "Count");
    }

    @Test
    void constantsAndLiveValuesAreNeitherSavedNorLoaded() {
      InMemoryConfigurationStore store =
          new InMemoryConfigurationStore(Map.of("Connectors", "8", "Count", "5"));
      Configuration c = config(store);
      assertThat(c.get(CONNECTORS)).isEqualTo(1);
      assertThat(c.get(COUNT)).isZero();
      c.set(COUNT, 2);
      assertThat(store.saveCount()).isZero();
    }

    @Test
    void aCorruptSavedValueFallsBackToTheDefault() {
      InMemoryConfigurationStore store =
          new InMemoryConfigurationStore(Map.of("Interval", "soon", "Level", "2"));
      Configuration c = config(store);
      assertThat(c.get(INTERVAL)).isEqualTo(60);
      assertThat(c.get(LEVEL)).isEqualTo(2);
    }

    @Test
    void aSavedValueOfAnUnknownKeyIsIgnored() {
      Configuration c = config(new InMemoryConfigurationStore(Map.of("Retired", "1")));
      assertThat(c.key("Retired")).isEmpty();
    }

    @Test
    void anUnreadableStoreBootsWithDefaults() {
      ConfigurationStore broken =
          new ConfigurationStore() {
            @Override
            public Map<String, String> load() {
              throw new IllegalStateException("flash unreadable");
            }

            @Override
            public void save(Map<String, String> values) {}
          };
      assertThat(config(broken).get(INTERVAL)).isEqualTo(60);
    }

    @Test
    void aFailedSaveLeavesTheValueUnchanged() {
      ConfigurationStore full =
          new ConfigurationStore() {
            @Override
            public Map<String, String> load() {
              return Map.of();
            }

            @Override
            public void save(Map<String, String> values) {
              throw new IllegalStateException("flash full");
            }
          };
      Configuration c = config(full);
      assertThatThrownBy(() -> c.write(INTERVAL, "900")).isInstanceOf(IllegalStateException.class);
      assertThat(c.get(INTERVAL)).isEqualTo(60);
    }
  }

  /** Values equal to the default are not held per station; reads must not tell the difference. */
  @Nested
  class DefaultsNotHeld {
    @Test
    void stationsOnTheSameKeysKeepTheirOwnValues() {
      Configuration a = config();
      Configuration b = config();
      a.write(INTERVAL, "900");
      assertThat(a.get(INTERVAL)).isEqualTo(900);
      assertThat(b.get(INTERVAL)).isEqualTo(60);
      assertThat(b.text(INTERVAL)).isEqualTo("60");
    }

    @Test
    void aValueWrittenBackToTheDefaultReadsAndPersistsAsTheDefault() {
      InMemoryConfigurationStore store = new InMemoryConfigurationStore();
      Configuration c = config(store);
      c.write(INTERVAL, "900");
      c.write(INTERVAL, "60");
      assertThat(c.get(INTERVAL)).isEqualTo(60);
      assertThat(store.load()).containsEntry("Interval", "60");
      assertThat(config(store).get(INTERVAL)).isEqualTo(60);
    }

    @Test
    void theMakersInitialValueIsTheDefaultASavedValueOverrides() {
      Configuration fresh = Configuration.builder(KEYS).initial(INTERVAL, 300).build();
      assertThat(fresh.get(INTERVAL)).isEqualTo(300);
      Configuration saved =
          Configuration.builder(KEYS)
              .initial(INTERVAL, 300)
              .store(new InMemoryConfigurationStore(Map.of("Interval", "60")))
              .build();
      assertThat(saved.get(INTERVAL)).isEqualTo(60);
      assertThat(saved.snapshot()).containsEntry("Interval", "60");
    }

    @Test
    void aRebootRequiredKeySetBackToItsDefaultNeedsNoReboot() {
      Configuration c = config();
      c.write(MODE, "true");
      assertThat(c.configured(MODE)).isTrue();
      assertThat(c.get(MODE)).isFalse();
      c.write(MODE, "false");
      assertThat(c.configured(MODE)).isFalse();
      assertThat(c.pendingReboot()).isEmpty();
    }
  }
}
