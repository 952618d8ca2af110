import { graphql } from '../../gql';

export const ReviewQueueDocument = graphql(`
  query ReviewQueue($after: String) {
    me {
      id
    }
    reviewQueue(first: 20, after: $after) {
      edges {
        node {
          id
          key
          title
          description
          status
          revision
          acceptanceCriteria
          price {
            amountCents
            currency
          }
          project {
            id
            title
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
