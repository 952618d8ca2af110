import { graphql } from '../gql';

/** What logging in or signing up answers with: the session the store keeps. */
export const SessionFields = graphql(`
  fragment SessionFields on AuthPayload {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      id
      displayName
      email
      roles
    }
  }
`);
