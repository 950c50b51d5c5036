export const FOOD_PATH = '/food';
