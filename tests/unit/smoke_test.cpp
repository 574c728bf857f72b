#include "support.hpp"

using namespace kith;
using namespace kith::test;

TEST(Support, IndexOfBuildsContacts) {
    auto ix = index_of({{"contacts/a.md", contact("name: A")}});
    ASSERT_EQ(ix.contacts().size(), 1u);
    EXPECT_EQ(ix.contacts()[0].contact->id, "a");
}
