import type { QuestFaceAnswer } from '../../../../hub/api/contract/goals.js';
import { api } from '../../api/client.js';
import { PeoplePoll } from '../../state/people-poll.js';

/** Everyone's tile face of HealthQuest. */
export const questFaces = new PeoplePoll<QuestFaceAnswer>(() => api.get<QuestFaceAnswer[]>('/goal-faces'));
