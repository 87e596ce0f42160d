// placeholder: the running total of a knapsack ballot (see src/modules/budget/views/script.ts)
