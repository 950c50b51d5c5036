/** The GraphQL schema: the REST resources again, checked by the same access rules. Times are ms since the epoch. */
export const GRAPHQL_SCHEMA = /* GraphQL */ `
  scalar JSON

  type User {
    id: ID!
    username: String!
    displayName: String!
    role: String!
    personId: ID
  }

  type LatestValue {
    metric: String!
    value: Float!
    unit: String!
    ts: Float!
  }

  type Device {
    id: ID!
    name: String
    driver: String
    personId: ID
    battery: Float
    firstSeen: Float!
    lastSeen: Float!
  }

  type Person {
    id: ID!
    name: String!
    latest: [LatestValue!]!
    devices: [Device!]!
  }

  type SeriesPoint {
    ts: Float!
    value: Float!
    min: Float!
    max: Float!
    count: Int!
  }

  type Series {
    metric: String!
    unit: String!
    resolution: String!
    bucketMs: Float
    points: [SeriesPoint!]!
  }

  type Reading {
    metric: String!
    value: Float!
    unit: String!
    ts: Float!
    deviceId: String!
    personId: ID
    tsSource: String!
    flags: [String!]
  }

  type GoalDay {
    date: String!
    status: String!
    target: Float!
    value: Float
    progress: Float!
  }

  type Goal {
    id: ID!
    personId: ID!
    template: String!
    label: String!
    target: Float!
    streak: Int!
    bestStreak: Int!
    today: GoalDay
    "The last twelve weeks, oldest first."
    days: [GoalDay!]!
    "From 18:00, a streak that today's goal, not met yet, could still keep."
    atRisk: Boolean!
  }

  type Quest {
    personId: ID!
    today: String!
    points: Int!
    level: Int!
    badges: [String!]!
    goals: [Goal!]!
  }

  type ChallengeShare {
    personId: ID!
    name: String!
    "Of the whole goal, in whole percent (0-1): never the readings behind it."
    share: Float!
  }

  type Challenge {
    id: ID!
    template: String!
    label: String!
    target: Float!
    firstDate: String!
    lastDate: String!
    status: String!
    progress: Float!
    members: [ChallengeShare!]!
  }

  type Query {
    me: User!
    "A person's goals, streaks and level (HealthQuest); null for someone the asker may not read."
    quest(personId: ID!): Quest
    "The household challenges the asker may see."
    challenges: [Challenge!]!
    people: [Person!]!
    person(id: ID!): Person
    series(personId: ID!, metric: String!, from: Float!, to: Float!, maxPoints: Int = 1000): Series!
    devices: [Device!]!
  }

  type Mutation {
    assignDevice(deviceId: ID!, personId: ID): Device!
    renameDevice(deviceId: ID!, name: String!): Device!
    acknowledgeAlert(id: ID!): JSON!
  }

  type Subscription {
    readings(personIds: [ID!], metrics: [String!]): Reading!
  }
`;
