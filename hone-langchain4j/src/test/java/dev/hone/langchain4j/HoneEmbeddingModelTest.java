package dev.hone.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real MiniLM encoder behind LangChain4j's EmbeddingModel, retrieving through its in-memory store. */
class HoneEmbeddingModelTest {

    @Test
    void retrievesTheMatchingSegmentThroughLangChain4jsInMemoryStore() {
        HoneEmbeddingModel model = HoneEmbeddingModel.builtIn("all-minilm-l6-v2");
        assertThat(model.dimension()).isEqualTo(384);
        assertThat(model.modelName()).isEqualTo("all-minilm-l6-v2");

        List<TextSegment> segments = List.of(
                TextSegment.from("To reset the thermostat, hold the power button for ten seconds until the light blinks."),
                TextSegment.from("Refunds are paid to the original card within five working days."),
                TextSegment.from("The filter should be cleaned every three months with warm water."),
                TextSegment.from("Orders ship from our warehouse within two days; tracking arrives by email."));
        List<Embedding> embeddings = model.embedAll(segments).content();
        assertThat(embeddings).hasSize(4);
        assertThat(model.embedAll(segments).tokenUsage().inputTokenCount()).isGreaterThan(40);

        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        store.addAll(embeddings, segments);
        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(model.embed("when will I get my money back?").content()).maxResults(2).build()).matches();
        assertThat(matches.get(0).embedded().text()).startsWith("Refunds are paid");
        assertThat(matches.get(0).score()).isGreaterThan(matches.get(1).score());
        String where = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(model.embed("where is my parcel").content()).maxResults(1).build()).matches().get(0).embedded().text();
        assertThat(where).startsWith("Orders ship");
    }
}
