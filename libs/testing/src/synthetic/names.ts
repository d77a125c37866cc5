/**
 * Generic given and family names, common across the UK, from which synthetic people are put
 * together at random. The combinations are invented: they describe no real person.
 */

// prettier-ignore
export const maleGivenNames = [
  'James', 'John', 'David', 'Michael', 'Paul', 'Mark', 'Andrew', 'Steven', 'Robert', 'Peter',
  'Richard', 'Christopher', 'Daniel', 'Thomas', 'Matthew', 'Anthony', 'Gary', 'Stephen', 'Kevin',
  'Lee', 'Darren', 'Wayne', 'Craig', 'Scott', 'Jason', 'Adam', 'Ryan', 'Liam', 'Connor', 'Jack',
  'Callum', 'Kieran', 'Dean', 'Shaun', 'Carl', 'Neil', 'Ian', 'Alan', 'Graham', 'Keith', 'Brian',
  'Colin', 'Stuart', 'Martin', 'Simon', 'Jamie', 'Nathan', 'Joseph', 'Samuel', 'Luke', 'Owen',
  'Rhys', 'Gareth', 'Dylan', 'Aled', 'Iwan', 'Euan', 'Ross', 'Fraser', 'Hamish', 'Calum',
  'Declan', 'Ciaran', 'Sean', 'Padraig', 'Niall', 'Mohammed', 'Imran', 'Tariq', 'Hassan', 'Ali',
  'Arjun', 'Rajesh', 'Sanjay', 'Kwame', 'Emeka', 'Tomasz', 'Piotr', 'Marius', 'Andrei', 'Luca',
] as const;

// prettier-ignore
export const femaleGivenNames = [
  'Sarah', 'Emma', 'Claire', 'Lisa', 'Nicola', 'Michelle', 'Karen', 'Joanne', 'Rachel', 'Laura',
  'Amy', 'Gemma', 'Hannah', 'Rebecca', 'Kelly', 'Donna', 'Tracey', 'Julie', 'Susan', 'Angela',
  'Jessica', 'Chloe', 'Megan', 'Sophie', 'Zoe', 'Kirsty', 'Fiona', 'Morag', 'Eilidh', 'Siobhan',
  'Aoife', 'Ciara', 'Sian', 'Catrin', 'Bethan', 'Fatima', 'Aisha', 'Priya', 'Agnieszka', 'Ioana',
] as const;

// prettier-ignore
export const middleNames = [
  'James', 'John', 'Lee', 'Paul', 'Michael', 'Anthony', 'David', 'Thomas', 'William', 'Edward',
  'Marie', 'Louise', 'Jane', 'Ann', 'Elizabeth', 'Rose', 'Alexander', 'George', 'Robert', 'Joseph',
] as const;

// prettier-ignore
export const familyNames = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas',
  'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes',
  'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin',
  'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison',
  'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price',
  'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey',
  'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall',
  'Anderson', 'Simpson', 'Ellis', 'Adams', 'Singh', 'Begum', 'Wilkinson', 'Foster', 'Chapman',
  'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali', 'Hunt', 'Hussain', 'Campbell', 'Matthews',
  'Owen', 'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell',
  'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Murray', 'Dixon', 'Harvey', 'Graham', 'Pearson',
  'Ahmed', 'Fletcher', 'Walsh', 'Kaur', 'Gibson', 'Howard', 'Andrews', 'Stewart', 'MacDonald',
  'Reid', 'Ross', 'Paterson', 'Fraser', 'Hamilton', 'Kerr', 'McLean', 'Sutherland', 'Robertson',
  "O'Neill", 'McCann', 'Doherty', 'Quinn', 'Gallagher', 'McLaughlin', 'Nowak', 'Kowalski',
  'Popescu', 'Okafor', 'Mensah', 'Rossi',
] as const;

/** Street names to put before a house number; generic, found in many towns. */
// prettier-ignore
export const streetNames = [
  'High Street', 'Station Road', 'Church Lane', 'Park Avenue', 'Victoria Road', 'Mill Lane',
  'Queen Street', 'King Street', 'New Road', 'Manor Road', 'Green Lane', 'School Lane',
  'Albert Road', 'The Crescent', 'Grange Road', 'Windsor Road', 'Springfield Road', 'North Street',
  'Chapel Street', 'Highfield Road', 'Beech Grove', 'Orchard Close', 'Meadow Way', 'Hillside Drive',
  'Riverside Walk', 'Elm Court', 'Willow Close', 'Oak Avenue', 'Castle Street', 'Market Street',
] as const;
