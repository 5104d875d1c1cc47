package org.stemvault.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/** Every media test again with zero-copy sending off: the streamed path answers alike. */
@MicronautTest(transactional = false)
class MediaStreamedTest extends MediaTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("stemvault.media.zero-copy", "false");
        return properties;
    }

    @Override
    boolean zeroCopy() {
        return false;
    }
}
